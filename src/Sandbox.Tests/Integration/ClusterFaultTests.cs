using KafkaAgent.Sandbox.Orchestration;
using KafkaAgent.TestBed;

namespace KafkaAgent.Sandbox.Tests.Integration;

/// <summary>Each process fault injected into the 3-broker sandbox, observed from outside, then undone.</summary>
[Trait("Category", "Integration")]
[Collection("ThreeBrokers")]
public sealed class ClusterFaultTests(ThreeBrokerSandbox sandbox) : IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.WaitHealthyAsync();

    public Task DisposeAsync() => sandbox.WaitHealthyAsync();

    private int Pid(int host, bool zookeeper) =>
        HostProcesses.ReadPid(zookeeper ? sandbox.State.HostById(host).Layout.ZooKeeperPidFile : sandbox.State.HostById(host).Layout.BrokerPidFile)!.Value;

    private Task<string?> ModeAsync(int host) => SrvrProbe.TryGetModeAsync(sandbox.State.HostById(host).ZooKeeperClientPort, TimeSpan.FromSeconds(2), CancellationToken.None);

    [Fact]
    public async Task BrokerZombie_ProcessUpListenerAnswersButUnregistered()
    {
        var report = await sandbox.Fault("broker-zombie", 2);
        try
        {
            await sandbox.WaitRegisteredAsync(2, registered: false);

            Assert.True(HostProcesses.IsAlive(Pid(2, zookeeper: false)));
            Assert.Equal(ListenerHealth.Answering, await sandbox.ProbeAsync(2));
            Assert.Contains("zombie", report.Summary, StringComparison.Ordinal);
        }
        finally
        {
            await sandbox.Fault("broker-normal", 2);
        }
        await sandbox.WaitRegisteredAsync(2, registered: true);
    }

    [Fact]
    public async Task BrokerHung_ProcessUpRegisteredButListenerSilent()
    {
        await sandbox.Fault("broker-hung", 3);
        try
        {
            await SandboxFixture.WaitUntilAsync("a silent listener", async () => await sandbox.ProbeAsync(3) == ListenerHealth.Silent);

            Assert.True(HostProcesses.IsAlive(Pid(3, zookeeper: false)));
            Assert.Contains(3, await sandbox.RegisteredAsync());
        }
        finally
        {
            await sandbox.Fault("broker-normal", 3);
        }
        await SandboxFixture.WaitUntilAsync("an answering listener", async () => await sandbox.ProbeAsync(3) == ListenerHealth.Answering);
    }

    [Fact]
    public async Task BrokerStop_SigstopLeavesProcessStoppedAndListenerSilent()
    {
        await sandbox.Fault("broker-stop", 3);
        try
        {
            Assert.Equal('T', HostProcesses.State(Pid(3, zookeeper: false)));
            Assert.Equal(ListenerHealth.Silent, await sandbox.ProbeAsync(3));
            var (code, output) = await sandbox.ScriptAsync(3, "kafka-status.sh");
            Assert.Equal(0, code);
            Assert.Contains("stopped by a signal", output, StringComparison.Ordinal);
        }
        finally
        {
            await sandbox.Fault("broker-resume", 3);
        }
        await SandboxFixture.WaitUntilAsync("an answering listener", async () => await sandbox.ProbeAsync(3) == ListenerHealth.Answering);
    }

    [Fact]
    public async Task BrokerKill_GoneAndUnregisteredAfterSessionExpiry_LeadershipMoves_RestartRegisters()
    {
        await sandbox.Fault("broker-kill", 3);

        var (code, _) = await sandbox.ScriptAsync(3, "kafka-status.sh");
        Assert.Equal(1, code); // dead, pidfile left behind
        await sandbox.WaitRegisteredAsync(3, registered: false);
        await SandboxFixture.WaitUntilAsync("no partition led by broker 3", async () =>
            (await sandbox.SnapshotAsync()).Topics.SelectMany(t => t.Partitions).All(p => p.State!.Leader != 3 && !p.State.Isr.Contains(3)));

        (code, var output) = await sandbox.ScriptAsync(3, "kafka-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await sandbox.WaitRegisteredAsync(3, registered: true);
        await SandboxFixture.WaitUntilAsync("broker 3 back in every ISR", async () =>
            (await sandbox.SnapshotAsync()).Topics.SelectMany(t => t.Partitions).All(p => p.State!.Isr.Contains(3)));
    }

    [Fact]
    public async Task BrokerGracefulStop_DeregisteredBeforeTheStopScriptReturns_StartRegistersAgain()
    {
        // Kafka's controlled shutdown closes its ZooKeeper session, so /brokers/ids/N is gone at once,
        // not a session timeout later: the agent must never see a cleanly stopped broker as a zombie.
        var pid = Pid(2, zookeeper: false);

        var (code, output) = await sandbox.ScriptAsync(2, "kafka-server-stop.sh");
        var registered = await sandbox.RegisteredAsync();

        Assert.True(code == 0, output);
        Assert.False(HostProcesses.IsAlive(pid));
        Assert.DoesNotContain(2, registered);

        (code, output) = await sandbox.ScriptAsync(2, "kafka-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await sandbox.WaitRegisteredAsync(2, registered: true);
    }

    [Fact]
    public async Task BrokerRestart_FollowerRejoinsTheIsrOnlyAfterCatchingUp()
    {
        var (code, output) = await sandbox.ScriptAsync(2, "kafka-server-stop.sh");
        Assert.True(code == 0, output);
        await SandboxFixture.WaitUntilAsync("broker 2 out of every ISR", async () =>
            (await sandbox.SnapshotAsync()).Topics.SelectMany(t => t.Partitions).All(p => !p.State!.Isr.Contains(2)));

        (code, output) = await sandbox.ScriptAsync(2, "kafka-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await sandbox.WaitRegisteredAsync(2, registered: true);

        // The catch-up delay is 5 s from when the controller saw the new registration: for the next 2 s the
        // follower is registered but in no ISR, so a too-quick next restart would find partitions under min ISR.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            var snapshot = await sandbox.SnapshotAsync();
            Assert.Contains(2, snapshot.Brokers.Keys);
            Assert.DoesNotContain(snapshot.Topics.SelectMany(t => t.Partitions), p => p.State!.Isr.Contains(2));
            await Task.Delay(200);
        }
        await SandboxFixture.WaitUntilAsync("broker 2 back in every ISR", async () =>
            (await sandbox.SnapshotAsync()).Topics.SelectMany(t => t.Partitions).All(p => p.State!.Isr.Contains(2)));
    }

    [Fact]
    public async Task ZooKeeperStop_SigstopStopsAnswering_ResumeServesAgain()
    {
        await sandbox.Fault("zk-stop", 1);
        try
        {
            Assert.Equal('T', HostProcesses.State(Pid(1, zookeeper: true)));
            Assert.Null(await ModeAsync(1));
        }
        finally
        {
            await sandbox.Fault("zk-resume", 1);
        }
        await SandboxFixture.WaitUntilAsync("ZooKeeper 1 serving", async () => await ModeAsync(1) is not null);
    }

    [Fact]
    public async Task ZooKeeperKill_GoneUntilStartScriptRunsIt()
    {
        var pid = Pid(3, zookeeper: true);

        await sandbox.Fault("zk-kill", 3);

        Assert.False(HostProcesses.IsAlive(pid));
        Assert.Null(await ModeAsync(3));
        var (code, output) = await sandbox.ScriptAsync(3, "zookeeper-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await SandboxFixture.WaitUntilAsync("ZooKeeper 3 serving again", async () => await ModeAsync(3) is "follower" or "leader", 90);
    }

    [Fact]
    public async Task ZooKeeperStandalone_MemberServesAloneUntilRestartedWithEnsembleConfig()
    {
        var report = await sandbox.Fault("zk-standalone", 2);

        Assert.Equal("standalone", await ModeAsync(2));
        Assert.Contains("zoo-standalone.cfg", report.Summary, StringComparison.Ordinal);

        await sandbox.ScriptAsync(2, "zookeeper-server-stop.sh");
        var (code, output) = await sandbox.ScriptAsync(2, "zookeeper-server-start.sh", "-daemon");
        Assert.True(code == 0, output);
        await SandboxFixture.WaitUntilAsync("ZooKeeper 2 back in the ensemble", async () => await ModeAsync(2) is "follower" or "leader", 90);
    }
}
