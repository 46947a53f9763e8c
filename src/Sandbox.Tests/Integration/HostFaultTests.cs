using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Faults;
using KafkaAgent.Sandbox.LogDirs;
using KafkaAgent.Sandbox.Orchestration;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Tests.Integration;

/// <summary>Faults of a broker host's files and start-up, on a 1-broker sandbox, each undone at the end.</summary>
[Trait("Category", "Integration")]
[Collection("OneBroker")]
public sealed class HostFaultTests(OneBrokerSandbox sandbox) : IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.WaitHealthyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HostLayout Host => sandbox.State.HostById(1).Layout;

    [Fact]
    public async Task Chown_RootOwnedLogDir_BrokerRefusesToStartAsKafkaUser_StartsAfterChownBack()
    {
        var (code, output) = await sandbox.ScriptAsync(1, "kafka-server-stop.sh");
        Assert.True(code == 0, output);
        await sandbox.WaitRegisteredAsync(1, registered: false);

        var report = await sandbox.Fault("chown", 1, r => r with { All = true, Owner = "root" });
        var link = Path.Combine(Host.LogDir, FileFaults.PlantedLinkName);
        Assert.Equal(Path.Combine(sandbox.State.Layout.Outside, "precious.txt"), new FileInfo(link).LinkTarget);
        Assert.Contains("whole log dir", report.Summary, StringComparison.Ordinal);

        (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh"); // foreground: its exit code is ours to see
        Assert.Equal(1, code);
        Assert.Contains($"Shutdown broker because all log dirs in {Host.LogDir} have failed", output, StringComparison.Ordinal);
        Assert.Contains("AccessDeniedException", output, StringComparison.Ordinal);

        (code, output) = await HostProcesses.RunAsync("chown", ["-R", "-P", "kafka:kafka", Host.LogDir], TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(code == 0, output);
        (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await sandbox.WaitRegisteredAsync(1, registered: true);
        // chown -R -P and the broker never followed the planted link: the file outside is still root's.
        (_, output) = await HostProcesses.RunAsync("stat", ["-c", "%u", Path.Combine(sandbox.State.Layout.Outside, "precious.txt")], TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal("0", output.Trim());
    }

    [Fact]
    public async Task DiskFill_Full_BrokerHaltsWithKafkaMessage()
    {
        var pid = HostProcesses.ReadPid(Host.BrokerPidFile)!.Value;

        var report = await sandbox.Fault("disk-fill", 1, r => r with { Percent = 100 });

        Assert.Contains("ENOSPC", report.Summary, StringComparison.Ordinal);
        await SandboxFixture.WaitUntilAsync("the broker to exit", () => Task.FromResult(!HostProcesses.IsAlive(pid)));
        await sandbox.WaitRegisteredAsync(1, registered: false);
        // server.log shares the full disk, so its last lines are lost as a real broker's would be; a start in
        // the foreground on the full disk shows Kafka's message on its own output.
        var (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh");
        Assert.Equal(1, code);
        Assert.Contains("No space left on device", output, StringComparison.Ordinal);
        Assert.Contains($"FATAL Shutdown broker because all log dirs in {Host.LogDir} have failed", output, StringComparison.Ordinal);

        // Undo: remove the filler segments, start again.
        RemoveFillerSegments();
        (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await sandbox.WaitRegisteredAsync(1, registered: true);
    }

    [Fact]
    public async Task DiskFill_WithAppLogs_OlderHourlyServerLogPartsFillTheLogDirsDisk()
    {
        // "server.log.*" also matches server.log itself (.NET's Win32 wildcard rules): keep only hourly parts.
        string[] Parts() => Directory.GetFiles(Host.Logs, "server.log.*").Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"^server\.log\.\d{4}-\d{2}-\d{2}-\d{2}$")).ToArray();
        var seeded = Parts().ToHashSet(StringComparer.Ordinal);
        var segmentsBefore = Directory.GetFiles(Host.LogDir, "*.log", SearchOption.AllDirectories).Length;
        var logDirDisk = new DriveInfo(Host.LogDir);
        try
        {
            var report = await sandbox.Fault("disk-fill", 1, r => r with { Percent = 60, With = "app-logs" });

            var added = Parts().Where(f => !seeded.Contains(f)).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(added);
            Assert.True(string.CompareOrdinal(Path.GetFileName(added[^1]), Path.GetFileName(seeded.Min(StringComparer.Ordinal))) < 0, "parts older than the oldest one there");
            Assert.StartsWith("[", File.ReadLines(added[0]).First(), StringComparison.Ordinal);
            Assert.Equal(segmentsBefore, Directory.GetFiles(Host.LogDir, "*.log", SearchOption.AllDirectories).Length);
            // The log dir's disk is the one that filled up.
            Assert.True(1.0 - ((double)logDirDisk.TotalFreeSpace / logDirDisk.TotalSize) >= 0.59, report.Summary);
            Assert.Contains("application logs", report.Summary, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var part in Parts().Where(f => !seeded.Contains(f)))
            {
                File.Delete(part);
            }
        }
    }

    [Fact]
    public async Task DiskFill_WithUnknownMode_ErrorNamesTheOption()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => sandbox.Fault("disk-fill", 1, r => r with { With = "videos" }));

        Assert.Contains("--with", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppLogs_Up_KafkaShapedPartsBesideLiveFilesOnTheLogDirsDisk()
    {
        var names = Directory.GetFiles(Host.Logs).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        foreach (var live in new[] { "server.log", "controller.log", "state-change.log", "log-cleaner.log", "kafka-request.log", "kafka-authorizer.log", "kafkaServer-gc.log", "zookeeper-gc.log" })
        {
            Assert.Contains(live, names);
        }
        Assert.True(names.Count(n => System.Text.RegularExpressions.Regex.IsMatch(n!, @"^server\.log\.\d{4}-\d{2}-\d{2}-\d{2}$")) >= 24);
        Assert.Contains(names, n => n!.StartsWith("controller.log.", StringComparison.Ordinal));
        Assert.Contains(names, n => n!.StartsWith("state-change.log.", StringComparison.Ordinal));
        Assert.Contains("kafkaServer-gc.log.0", names);
        // The stand-in writes the live server.log; the parts are the kafka user's, like everything Kafka writes.
        Assert.Contains("[KafkaServer id=1] started", await File.ReadAllTextAsync(Path.Combine(Host.Logs, "server.log")), StringComparison.Ordinal);
        var (_, owner) = await HostProcesses.RunAsync("stat", ["-c", "%U", Directory.GetFiles(Host.Logs, "server.log.*")[0]], TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(sandbox.State.User, owner.Trim());
        // One disk for LOG_DIR and the log dir: the same filesystem id.
        var (_, ids) = await HostProcesses.RunAsync("stat", ["-f", "-c", "%i %T", Host.Logs, Host.LogDir], TimeSpan.FromSeconds(10), CancellationToken.None);
        var lines = ids.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(lines[0], lines[1]);
        Assert.EndsWith("tmpfs", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AgentConfig_Host_KafkaHomeIsTheHostDirWithLogsAndConfigBelowIt()
    {
        var yaml = File.ReadAllText(Host.AgentYaml);

        Assert.Contains($"  home: {Host.Dir}\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"  server_properties: {Host.ServerProperties}\n", yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Host.Dir, "config", "server.properties")));
        Assert.Equal(Path.Combine(Host.Dir, "logs"), Host.Logs);
        Assert.True(File.Exists(Path.Combine(Host.Dir, "bin", "kafka-server-start.sh")));
    }

    [Fact]
    public void ZooKeeperData_AfterUp_MoreThanThreeSnapshotsAndTransactionLogs()
    {
        var (snapshots, logs) = ZooKeeperHistory.Count(Host.ZooKeeperVersionDir);

        Assert.True(snapshots > 3, $"{snapshots} snapshot(s) in {Host.ZooKeeperVersionDir}");
        Assert.True(logs > 3, $"{logs} transaction log(s) in {Host.ZooKeeperVersionDir}");
    }

    [Fact]
    public async Task DiskFill_AgainAfterAnEarlierFill_WritesMoreInsteadOfReportingEnospc()
    {
        var drive = new DriveInfo(Host.LogDir);
        try
        {
            await sandbox.Fault("disk-fill", 1, r => r with { Percent = 40 });

            var second = await sandbox.Fault("disk-fill", 1, r => r with { Percent = 70 });

            Assert.DoesNotContain("ENOSPC", second.Summary, StringComparison.Ordinal);
            Assert.DoesNotContain(" 0 MiB", second.Summary, StringComparison.Ordinal);
            Assert.True(1.0 - ((double)drive.TotalFreeSpace / drive.TotalSize) >= 0.69, second.Summary);
        }
        finally
        {
            RemoveFillerSegments();
        }
    }

    private void RemoveFillerSegments()
    {
        foreach (var filler in Directory.EnumerateFiles(Host.LogDir, "*.log", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(f) != new string('0', 20) + ".log"))
        {
            File.Delete(filler);
        }
    }

    private string Marker => Path.Combine(Host.LogDir, LogManager.CleanShutdownFile);

    /// <summary>What the broker wrote to server.log from the given length on.</summary>
    private string ServerLogSince(long offset)
    {
        using var stream = new FileStream(Host.ServerLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public async Task CleanShutdown_GracefulStop_MarkerWritten_NextStartSkipsRecoveryAndRemovesIt()
    {
        var (code, output) = await sandbox.ScriptAsync(1, "kafka-server-stop.sh");
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Marker));
        var offset = new FileInfo(Host.ServerLog).Length;

        (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await SandboxFixture.WaitUntilAsync("the broker to log that it started", () => Task.FromResult(ServerLogSince(offset).Contains("[KafkaServer id=1] started", StringComparison.Ordinal)));

        var log = ServerLogSince(offset);
        Assert.False(File.Exists(Marker));
        Assert.Contains($"Skipping recovery for all logs in {Host.LogDir} since clean shutdown file was found", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Recovering unflushed segment", log, StringComparison.Ordinal);
        var loading = log.IndexOf($"INFO Loading logs from log dirs ArraySeq({Host.LogDir}) (kafka.log.LogManager)", StringComparison.Ordinal);
        var loaded = log.IndexOf("INFO Loaded ", StringComparison.Ordinal);
        var started = log.IndexOf("INFO [KafkaServer id=1] started (kafka.server.KafkaServer)", StringComparison.Ordinal);
        Assert.True(loading >= 0 && loading < loaded && loaded < started, log);
        Assert.Matches(@"INFO Loaded \d+ logs in \d+ms\. \(kafka\.log\.LogManager\)", log);
        await sandbox.WaitRegisteredAsync(1, registered: true);
    }

    [Fact]
    public async Task SlowStart_SigtermDuringRecovery_HaltsWithoutMarker_NextStartRecoversAgain()
    {
        var offset = new FileInfo(Host.ServerLog).Length;
        await sandbox.Fault("broker-slow-start", 1, r => r with { Seconds = 8 });
        try
        {
            await SandboxFixture.WaitUntilAsync("log recovery to begin", () => Task.FromResult(ServerLogSince(offset).Contains("log recovery will take 8 s", StringComparison.Ordinal)));
            Assert.Contains($"Attempting recovery for all logs in {Host.LogDir} since no clean shutdown file was found", ServerLogSince(offset), StringComparison.Ordinal);
            var pid = HostProcesses.ReadPid(Host.BrokerPidFile)!.Value;

            var (code, output) = await sandbox.ScriptAsync(1, "kafka-server-stop.sh"); // SIGTERM while loading

            Assert.True(code == 0, output);
            Assert.False(HostProcesses.IsAlive(pid));
            var log = ServerLogSince(offset);
            Assert.Contains("Terminating process due to signal SIGTERM", log, StringComparison.Ordinal);
            Assert.Contains("FATAL Halting Kafka. (kafka.Kafka$)", log, StringComparison.Ordinal);
            Assert.DoesNotContain("[KafkaServer id=1] started", log, StringComparison.Ordinal);
            Assert.False(File.Exists(Marker));

            offset = new FileInfo(Host.ServerLog).Length;
            (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh", "-daemon");
            Assert.True(code == 0, output);
            await SandboxFixture.WaitUntilAsync("log recovery to begin again", () => Task.FromResult(ServerLogSince(offset).Contains("log recovery will take 8 s", StringComparison.Ordinal)));
            Assert.Contains($"Attempting recovery for all logs in {Host.LogDir} since no clean shutdown file was found", ServerLogSince(offset), StringComparison.Ordinal);
        }
        finally
        {
            await sandbox.Fault("broker-normal", 1);
        }
        await sandbox.WaitRegisteredAsync(1, registered: true);
    }

    [Fact]
    public async Task Start_WhileAnotherSessionHoldsItsRegistration_FailsWithNodeExistsAndExitsOne()
    {
        var (code, output) = await sandbox.ScriptAsync(1, "kafka-server-stop.sh");
        Assert.True(code == 0, output);
        // The registration a SIGKILLed broker leaves until its session expires: an ephemeral of another session.
        var holder = await SandboxUp.ConnectAsync(sandbox.State, CancellationToken.None);
        try
        {
            await holder.CreateAsync(KafkaZNodes.BrokerPath(1), new BrokerRegistration(1, [], -1, null, 0).ToJson(), CreateMode.Ephemeral, CancellationToken.None);

            (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh"); // foreground: its exit code is ours to see

            Assert.Equal(1, code);
            Assert.Contains($"ERROR Error while creating ephemeral at /brokers/ids/1, node already exists and owner '{holder.SessionId}' does not match current session '", output, StringComparison.Ordinal);
            Assert.Contains("FATAL [KafkaServer id=1] Fatal error during KafkaServer startup. Prepare to shutdown (kafka.server.KafkaServer)", output, StringComparison.Ordinal);
            Assert.Contains("org.apache.zookeeper.KeeperException$NodeExistsException: KeeperErrorCode = NodeExists", output, StringComparison.Ordinal);
            Assert.Contains("FATAL Exiting Kafka. (kafka.Kafka$)", output, StringComparison.Ordinal);
            Assert.DoesNotContain("[KafkaServer id=1] started", output, StringComparison.Ordinal);
            Assert.Equal(holder.SessionId, (await holder.ExistsAsync(KafkaZNodes.BrokerPath(1), null, CancellationToken.None))!.EphemeralOwner);
        }
        finally
        {
            await holder.DisposeAsync();
        }
        await sandbox.WaitRegisteredAsync(1, registered: false);
        (code, output) = await sandbox.ScriptAsync(1, "kafka-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await sandbox.WaitRegisteredAsync(1, registered: true);
    }

    [Fact]
    public async Task SlowStart_ProcessUpButNotListeningNorRegisteredUntilRecoveryEnds()
    {
        var report = await sandbox.Fault("broker-slow-start", 1, r => r with { Seconds = 15 });
        try
        {
            Assert.Contains("15 s of log recovery", report.Summary, StringComparison.Ordinal);
            Assert.True(HostProcesses.IsAlive(HostProcesses.ReadPid(Host.BrokerPidFile)!.Value));
            await SandboxFixture.WaitUntilAsync("log recovery to begin", async () =>
                (await File.ReadAllTextAsync(Host.ServerLog)).Contains("log recovery will take 15 s", StringComparison.Ordinal));
            await sandbox.WaitRegisteredAsync(1, registered: false);
            Assert.Equal(ListenerHealth.Refused, await sandbox.ProbeAsync(1));
            Assert.True(HostProcesses.IsAlive(HostProcesses.ReadPid(Host.BrokerPidFile)!.Value));
        }
        finally
        {
            await sandbox.Fault("broker-normal", 1);
        }
        await sandbox.WaitRegisteredAsync(1, registered: true);
        Assert.Equal(ListenerHealth.Answering, await sandbox.ProbeAsync(1));
    }
}

/// <summary>`down` after the orchestrator lost track (state and pidfiles gone) still removes every process and mount.</summary>
[Trait("Category", "Integration")]
public sealed class DownTests
{
    [Fact]
    public async Task Down_AfterStateAndPidfilesLost_RemovesProcessesMountsAndDir()
    {
        var fixture = new OneBrokerSandbox();
        await fixture.InitializeAsync();
        var root = fixture.State.Root;
        File.Delete(fixture.State.Layout.StateFile);
        File.Delete(fixture.State.HostById(1).Layout.BrokerPidFile);
        File.Delete(fixture.State.HostById(1).Layout.ZooKeeperPidFile);
        Assert.NotEmpty(HostProcesses.FindByArgument(root + "/"));

        await SandboxDown.RunAsync(root, TextWriter.Null, CancellationToken.None);

        await SandboxFixture.WaitUntilAsync("no process of the sandbox", () => Task.FromResult(!HostProcesses.FindByArgument(root + "/").Any(HostProcesses.IsAlive)), 20);
        Assert.Empty(SystemSetup.MountsUnder(root));
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task Cli_StatusAndDownWithoutDir_ActOnTheLastUpsDirectory()
    {
        var root = Path.Combine(Path.GetTempPath(), "kafka-sandbox-test-" + Guid.NewGuid().ToString("N")[..8]);
        var directories = new SandboxDirectory(Path.Combine(root + "-state", "last-dir"));
        try
        {
            var code = await SandboxCommand.RunAsync(["up", "--dir", root, "--logdir-size", "32m"], directories, TextWriter.Null, TextWriter.Null);
            Assert.Equal(0, code);

            var output = new StringWriter();
            var error = new StringWriter();
            code = await SandboxCommand.RunAsync(["status", "--json"], directories, output, error);
            Assert.Equal(0, code);
            Assert.Contains($"\"root\": \"{root}\"", output.ToString(), StringComparison.Ordinal);
            Assert.Contains($"sandbox {root} (the last `up`'s", error.ToString(), StringComparison.Ordinal);
            Assert.Contains($"\"app_log_dir\": \"{root}/host-1/logs\"", output.ToString(), StringComparison.Ordinal);
            Assert.Contains($"\"zoo_keeper_data_dir\": \"{root}/host-1/var/zookeeper/data\"", output.ToString(), StringComparison.Ordinal);

            code = await SandboxCommand.RunAsync(["down"], directories, TextWriter.Null, TextWriter.Null);

            Assert.Equal(0, code);
            Assert.False(Directory.Exists(root));
            Assert.False(File.Exists(directories.LastFile));
        }
        finally
        {
            await SandboxDown.RunAsync(root, TextWriter.Null, CancellationToken.None);
            Directory.Delete(root + "-state", recursive: true);
        }
    }
}
