using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Broker;
using KafkaAgent.TestBed;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>The sandbox as seen from outside: processes, listeners, ZooKeeper modes and registrations, disks.</summary>
internal sealed record SandboxStatus(string Root, string ZooKeeperConnect, IReadOnlyList<int>? RegisteredBrokers, int ControllerId, IReadOnlyList<HostStatus> Hosts);

internal sealed record HostStatus(
    int Id,
    string Dir,
    ProcessStatus ZooKeeper,
    int ZooKeeperPort,
    string? ZooKeeperMode,
    ProcessStatus Broker,
    int BrokerPort,
    string Listener,
    bool? Registered,
    string Faults,
    string LogDir,
    double? LogDirUsedRatio,
    long? LogDirAvailableBytes,
    string AppLogDir,
    string ZooKeeperDataDir,
    string AgentConfig);

/// <summary>running, stopped (SIGSTOP), dead (pidfile left behind) or not-running.</summary>
internal sealed record ProcessStatus(string State, int? Pid);

internal static class SandboxStatusReader
{
    public static async Task<SandboxStatus> ReadAsync(SandboxState state, CancellationToken ct)
    {
        IReadOnlyList<int>? registered = null;
        var controller = -1;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(8));
            await using var zk = await SandboxUp.ConnectAsync(state, limit.Token);
            var snapshot = await ClusterReader.ReadAsync(zk, limit.Token);
            registered = snapshot.Brokers.Keys.Order().ToList();
            controller = snapshot.ControllerId;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // ZooKeeper unreachable: registrations unknown
        }
        var hosts = await Task.WhenAll(state.Hosts.Select(async h =>
        {
            var listener = await KafkaProbe.ProbeAsync("127.0.0.1", h.BrokerPort, TimeSpan.FromSeconds(2), ct);
            var mode = await SrvrProbe.TryGetModeAsync(h.ZooKeeperClientPort, TimeSpan.FromSeconds(2), ct);
            double? used = null;
            long? avail = null;
            try
            {
                var drive = new DriveInfo(h.LogDirMount);
                avail = drive.AvailableFreeSpace;
                used = drive.TotalSize == 0 ? null : 1.0 - ((double)drive.TotalFreeSpace / drive.TotalSize);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
            }
            return new HostStatus(h.Id, h.Dir, Process(h.Layout.ZooKeeperPidFile), h.ZooKeeperClientPort, mode,
                Process(h.Layout.BrokerPidFile), h.BrokerPort, listener.ToString().ToLowerInvariant(),
                registered?.Contains(h.Id), FaultModes.Read(h.Layout.ControlFile).Describe(), h.Layout.LogDir, used, avail,
                h.Layout.Logs, h.Layout.ZooKeeperDataDir, h.Layout.AgentYaml);
        }));
        return new SandboxStatus(state.Root, state.BrokerZooKeeperConnect, registered, controller, hosts);
    }

    private static ProcessStatus Process(string pidFile)
    {
        var pid = HostProcesses.ReadPid(pidFile);
        if (pid is null)
        {
            return new ProcessStatus("not-running", null);
        }
        return HostProcesses.State(pid.Value) switch
        {
            null or 'Z' => new ProcessStatus("dead", pid),
            'T' => new ProcessStatus("stopped", pid),
            _ => new ProcessStatus("running", pid),
        };
    }

    public static void Print(SandboxStatus s, TextWriter o)
    {
        o.WriteLine($"sandbox {s.Root}");
        o.WriteLine($"zookeeper.connect {s.ZooKeeperConnect}");
        o.WriteLine($"/brokers/ids: {(s.RegisteredBrokers is null ? "unknown (ZooKeeper unreachable)" : "[" + string.Join(",", s.RegisteredBrokers) + "]")}   controller: {(s.ControllerId < 0 ? "none" : s.ControllerId)}");
        o.WriteLine($"{"host",-7}{"zookeeper",-24}{"mode",-12}{"broker",-24}{"listener",-11}{"registered",-12}{"faults",-14}{"log dir used",-13}");
        foreach (var h in s.Hosts)
        {
            o.WriteLine($"{"host-" + h.Id,-7}{$"{h.ZooKeeper.State} {h.ZooKeeper.Pid} :{h.ZooKeeperPort}",-24}{h.ZooKeeperMode ?? "-",-12}{$"{h.Broker.State} {h.Broker.Pid} :{h.BrokerPort}",-24}{h.Listener,-11}{(h.Registered is null ? "?" : h.Registered.Value ? "yes" : "no"),-12}{h.Faults,-14}{(h.LogDirUsedRatio is { } u ? $"{u:P0}" : "?"),-13}");
        }
        o.WriteLine("layout: host-N/{agent.yaml, bin/*.sh, etc/{server.properties,zoo.cfg} (config/ -> etc/), logs/ (LOG_DIR), var/kafka (log dir), var/zookeeper/data, run/*.pid}; var/kafka and logs/ share one tmpfs (disk/)");
    }
}
