using System.Diagnostics;
using System.Globalization;
using System.Text;
using KafkaAgent.Sandbox.AppLogs;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Protocol;
using KafkaAgent.TestBed;
using KafkaAgent.TestBed.Ports;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>`up`: lays out the hosts, mounts the log dirs, starts ZooKeeper then the brokers, creates topics.</summary>
internal static class SandboxUp
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<SandboxState> RunAsync(SandboxOptions options, TextWriter report, CancellationToken ct)
    {
        if (options.Brokers is not (1 or 3))
        {
            throw new ArgumentException($"--brokers must be 1 or 3, not {options.Brokers}");
        }
        var layout = new SandboxLayout(Path.GetFullPath(options.Root));
        CheckRootIsNewOrEmpty(layout.Root);
        if (SandboxState.Load(layout.Root) is not null)
        {
            throw new InvalidOperationException($"a sandbox is already laid out at {layout.Root}: run `down` first");
        }
        await SystemSetup.EnsureUserAsync(options.User, ct);
        var account = Native.UserAccount.Find(options.User)!;
        Directory.CreateDirectory(layout.Root);
        // First, so that `down` may remove whatever follows, even after a crash half-way.
        SandboxMarker.Write(layout.Root);
        CheckTraversable(layout.Root, options.User);

        var hosts = new List<HostState>();
        var metricsPorts = new Dictionary<int, int>();
        for (var id = 1; id <= options.Brokers; id++)
        {
            var ports = Ports(5);
            hosts.Add(new HostState(id, layout.Host(id).Dir, ports[0], ports[1], options.Brokers == 1 ? 0 : ports[2], options.Brokers == 1 ? 0 : ports[3], layout.Host(id).LogDir));
            metricsPorts[id] = ports[4];
        }
        var state = new SandboxState
        {
            Root = layout.Root,
            User = options.User,
            ZooKeeperConnect = string.Join(',', hosts.Select(h => $"127.0.0.1:{h.ZooKeeperClientPort}")),
            Chroot = options.Chroot,
            Hosts = hosts,
        };
        state.Save();

        InstallBinaries(layout);
        Directory.CreateDirectory(layout.Outside);
        File.WriteAllText(Path.Combine(layout.Outside, "precious.txt"), "outside every log dir: a fixer must never change this file\n");
        var members = hosts.Select(h => new ServerPorts(h.Id, h.ZooKeeperClientPort, h.ZooKeeperQuorumPort, h.ZooKeeperElectionPort)).ToList();
        foreach (var host in hosts)
        {
            var h = host.Layout;
            foreach (var dir in new[] { h.Etc, h.Logs, h.Run, h.ZooKeeperDir, h.LogDir, h.Disk })
            {
                Directory.CreateDirectory(dir);
            }
            File.CreateSymbolicLink(h.Config, "etc");
            await MountHostDiskAsync(state, h, options.LogDirSize, account, ct);
            AppLogSeeder.Seed(h.Logs, host.Id, account, TimeProvider.System);
            WriteZooKeeperConfig(h, host, members);
            File.WriteAllText(h.ServerProperties, ServerProperties(state, host, options));
            HostScripts.Write(layout, host, options.User);
            AgentConfigHint.Write(h, metricsPorts[host.Id]);
            report.WriteLine($"host-{host.Id}: broker {host.Id} on 127.0.0.1:{host.BrokerPort}, ZooKeeper {host.Id} on 127.0.0.1:{host.ZooKeeperClientPort}, log dir {h.LogDir} and LOG_DIR {h.Logs} (one tmpfs of {options.LogDirSize})");
        }

        foreach (var host in hosts)
        {
            await RunScriptAsync(host.Layout.Script("zookeeper-server-start.sh"), ["-daemon"], ct);
        }
        await Task.WhenAll(hosts.Select(h => WaitServingAsync(h, ct)));
        report.WriteLine($"ZooKeeper serving on {state.ZooKeeperConnect}");
        foreach (var host in hosts)
        {
            await RunScriptAsync(host.Layout.Script("kafka-server-start.sh"), ["-daemon"], ct);
        }
        await using var zk = await ConnectAsync(state, ct);
        await WaitAsync("every broker registered in /brokers/ids", async () =>
            (await ZooKeeperPaths.ChildrenAsync(zk, KafkaZNodes.BrokerIds, ct)).Count == hosts.Count, state, ct);
        await CreateTopicsAsync(zk, options, ct);
        await WaitAsync("every partition with a leader", async () =>
            (await ClusterReader.ReadAsync(zk, ct)).Topics.SelectMany(t => t.Partitions).All(p => p.State is { Leader: >= 0 }), state, ct);
        report.WriteLine($"{hosts.Count} broker(s) registered; topics: {string.Join(", ", options.Topics.Select(t => $"{t.Name} ({t.Partitions} partitions{string.Concat(t.Config.Select(c => $", {c.Key}={c.Value}"))})"))}");
        await ZooKeeperHistory.EnsureAsync(state, ct);
        return state;
    }

    /// <summary>
    /// One tmpfs per host holds both the log dir and LOG_DIR, so that a disk filled by segments or by
    /// application logs is the same disk, as on a host with one data filesystem.
    /// </summary>
    private static async Task MountHostDiskAsync(SandboxState state, HostLayout h, string size, Native.UserAccount account, CancellationToken ct)
    {
        state.Mounts.Add(h.Disk);
        state.Save();
        await SystemSetup.MountTmpfsAsync(h.Disk, size, account, ct);
        foreach (var (part, target) in new[] { ("kafka", h.LogDir), ("logs", h.Logs) })
        {
            var source = Path.Combine(h.Disk, part);
            Directory.CreateDirectory(source);
            _ = Native.LibC.lchown(source, account.Uid, account.Gid);
            state.Mounts.Add(target);
            state.Save();
            await SystemSetup.BindMountAsync(source, target, ct);
        }
    }

    public static Task<ZooKeeperClient> ConnectAsync(SandboxState state, CancellationToken ct) =>
        ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectionString = state.BrokerZooKeeperConnect,
            SessionTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        }, ct);

    private static async Task CreateTopicsAsync(ZooKeeperClient zk, SandboxOptions options, CancellationToken ct)
    {
        var rf = Math.Min(3, options.Brokers);
        foreach (var (name, partitions, config) in options.Topics)
        {
            // Like kafka-topics.sh --zookeeper (AdminZkClient.createTopicWithAssignment): the topic's config
            // node first (written even when empty), then the assignment; the controller writes partition state.
            var assignment = Enumerable.Range(0, partitions).ToDictionary(
                p => p,
                p => (IReadOnlyList<int>)Enumerable.Range(0, rf).Select(r => ((p + r) % options.Brokers) + 1).ToList());
            await ZooKeeperPaths.EnsurePersistentAsync(zk, KafkaZNodes.TopicConfigs, ct);
            var configData = KafkaZNodes.EncodeTopicConfig(config);
            try
            {
                await zk.CreateAsync(KafkaZNodes.TopicConfigPath(name), configData, CreateMode.Persistent, ct);
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
            {
                await zk.SetDataAsync(KafkaZNodes.TopicConfigPath(name), configData, -1, ct);
            }
            await ZooKeeperPaths.EnsurePersistentAsync(zk, KafkaZNodes.Topics, ct);
            try
            {
                await zk.CreateAsync(KafkaZNodes.TopicPath(name), KafkaZNodes.EncodeTopic(KafkaUuid.NewRandom(), assignment), CreateMode.Persistent, ct);
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
            {
            }
        }
    }

    private static string ServerProperties(SandboxState state, HostState host, SandboxOptions options) => new StringBuilder()
        .Append("# Kafka 2.8 server.properties for the sandbox's broker stand-in (host-").Append(host.Id).Append(")\n")
        .Append("broker.id=").Append(host.Id).Append('\n')
        .Append("listeners=PLAINTEXT://127.0.0.1:").Append(host.BrokerPort).Append('\n')
        .Append("advertised.listeners=PLAINTEXT://127.0.0.1:").Append(host.BrokerPort).Append('\n')
        .Append("log.dirs=").Append(host.Layout.LogDir).Append('\n')
        .Append("num.partitions=1\n")
        .Append("zookeeper.connect=").Append(state.BrokerZooKeeperConnect).Append('\n')
        .Append("zookeeper.session.timeout.ms=").Append(options.SessionTimeoutMs.ToString(CultureInfo.InvariantCulture)).Append('\n')
        .Append("zookeeper.connection.timeout.ms=30000\n")
        .Append("# not Kafka keys: the stand-in's fault switch and checkpoint period\n")
        .Append("sandbox.control.file=").Append(host.Layout.ControlFile).Append('\n')
        .Append("sandbox.checkpoint.interval.ms=1000\n")
        .Append("# not a Kafka key: how long a returning follower takes to catch up before it rejoins the ISR\n")
        .Append("sandbox.isr.catch.up.ms=").Append(((long)(options.IsrCatchUpSeconds * 1000)).ToString(CultureInfo.InvariantCulture)).Append('\n')
        .ToString();

    /// <summary>TestBed writes the server's files; the host keeps configs in etc/ and ZooKeeper's log in logs/.</summary>
    private static void WriteZooKeeperConfig(HostLayout h, HostState host, IReadOnlyList<ServerPorts> members)
    {
        var self = members.First(m => m.Id == host.Id);
        ZooKeeperConfigWriter.Write(h.ZooKeeperDir, self, members, new ZooKeeperServerOptions());
        File.Move(Path.Combine(h.ZooKeeperDir, ZooKeeperConfigWriter.EnsembleConfigName), h.ZooCfg, overwrite: true);
        File.Move(Path.Combine(h.ZooKeeperDir, ZooKeeperConfigWriter.StandaloneConfigName), h.ZooStandaloneCfg, overwrite: true);
        var log4j = File.ReadAllText(Path.Combine(h.ZooKeeperDir, "log4j.properties"))
            .Replace(Path.Combine(h.ZooKeeperDir, "zookeeper.log"), Path.Combine(h.Logs, "zookeeper.log"), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(h.Etc, "log4j.properties"), log4j);
        File.Delete(Path.Combine(h.ZooKeeperDir, "log4j.properties"));
        foreach (var cfg in new[] { h.ZooCfg, h.ZooStandaloneCfg })
        {
            File.AppendAllText(cfg, ZooKeeperHistory.ConfigLines);
        }
    }

    /// <summary>Copies the stand-in into opt/ so brokers run from a world-readable copy that a rebuild cannot pull away.</summary>
    private static void InstallBinaries(SandboxLayout layout)
    {
        var source = Path.GetDirectoryName(typeof(SandboxUp).Assembly.Location)!;
        Directory.CreateDirectory(layout.Opt);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("kafka-sandbox.", StringComparison.Ordinal) || name.StartsWith("KafkaAgent.ZooKeeper.", StringComparison.Ordinal)
                || name.StartsWith("KafkaAgent.TestBed.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(layout.Opt, name), overwrite: true);
            }
        }
    }

    /// <summary>`down` deletes the sandbox whole, so `up` lays one out only where nothing else lives.</summary>
    private static void CheckRootIsNewOrEmpty(string root)
    {
        var dir = new DirectoryInfo(root);
        if (dir.LinkTarget is not null)
        {
            throw new InvalidOperationException($"{root} is a symbolic link: give the sandbox a real directory (--dir)");
        }
        if (File.Exists(root))
        {
            throw new InvalidOperationException($"{root} is a file, not a directory: choose another --dir");
        }
        if (dir.Exists && !SandboxMarker.IsSandbox(root) && dir.EnumerateFileSystemInfos().Any())
        {
            throw new InvalidOperationException($"{root} is not empty and not a sandbox: `up` lays a sandbox out only in a new or empty directory, since `down` deletes it whole");
        }
    }

    private static void CheckTraversable(string root, string user)
    {
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                throw new InvalidOperationException($"{dir.FullName} is not traversable by others, so user {user} could not reach the sandbox at {root}: choose another --dir (e.g. /tmp/kafka-sandbox)");
            }
        }
    }

    private static int[] Ports(int count)
    {
        var leases = Enumerable.Range(0, count).Select(_ => PortAllocator.Allocate()).ToList();
        var ports = leases.Select(l => l.Port).ToArray();
        leases.ForEach(l => l.Dispose());
        return ports;
    }

    internal static async Task RunScriptAsync(string script, string[] args, CancellationToken ct)
    {
        var (code, output) = await HostProcesses.RunAsync(script, args, TimeSpan.FromSeconds(60), ct);
        if (code != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({code}): {output.Trim()}");
        }
    }

    private static async Task WaitServingAsync(HostState host, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (await SrvrProbe.TryGetModeAsync(host.ZooKeeperClientPort, TimeSpan.FromSeconds(2), ct) is null)
        {
            if (clock.Elapsed > StartTimeout || HostProcesses.Running(host.Layout.ZooKeeperPidFile) is null)
            {
                throw new TimeoutException($"ZooKeeper {host.Id} did not serve on 127.0.0.1:{host.ZooKeeperClientPort}; see {host.Layout.ZooKeeperOut} and {Path.Combine(host.Layout.Logs, "zookeeper.log")}");
            }
            await Task.Delay(200, ct);
        }
    }

    private static async Task WaitAsync(string what, Func<Task<bool>> condition, SandboxState state, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"timed out waiting for {what}; broker logs: {string.Join(", ", state.Hosts.Select(h => h.Layout.ServerLog))}");
            }
            await Task.Delay(200, ct);
        }
    }
}
