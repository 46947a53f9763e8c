using System.Text;
using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Coordination;

/// <summary>The guards in order, against a real ZooKeeper holding Kafka 2.8 znodes.</summary>
[Trait("Category", "Integration")]
public sealed class DisruptiveActionGateTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>, IDisposable
{
    private readonly string _logDir = Directory.CreateTempSubdirectory("kafka-agent-gate-").FullName;

    private static ClusterHealthFacts Healthy => new(true, 3, [1, 2, 3], [1, 2, 3], 3, 0);

    private DisruptiveRequest Request(int broker = 1, ClusterHealthFacts? health = null, bool takesBrokerDown = true) =>
        new(new LockOwner($"host-{broker}", broker, "restart_kafka", 0), TimeSpan.FromSeconds(30), takesBrokerDown, health ?? Healthy, null, null, _logDir, null);

    private static async Task<ZooKeeperClient> ClusterAsync(string connect, string isr, int[]? registered = null)
    {
        var zk = await ZooKeeperTestRoot.ConnectAsync(connect);
        foreach (var path in new[] { "/brokers", "/brokers/ids", "/brokers/topics", "/brokers/topics/orders", "/brokers/topics/orders/partitions", "/brokers/topics/orders/partitions/0", "/config", "/config/topics" })
        {
            await zk.CreateAsync(path, ReadOnlyMemory<byte>.Empty);
        }

        await zk.SetDataAsync("/brokers/topics/orders", Encoding.UTF8.GetBytes("""{"version":3,"topic_id":"q2rBQ4UuT4mtq7qNSN5DeQ","partitions":{"0":[1,2,3]},"adding_replicas":{},"removing_replicas":{}}"""));
        await zk.CreateAsync("/brokers/topics/orders/partitions/0/state", Encoding.UTF8.GetBytes("{\"controller_epoch\":1,\"leader\":1,\"version\":1,\"leader_epoch\":0,\"isr\":[" + isr + "]}"));
        await zk.CreateAsync("/config/topics/orders", Encoding.UTF8.GetBytes("""{"version":1,"config":{"min.insync.replicas":"2"}}"""));
        foreach (var id in registered ?? [1, 2, 3])
        {
            await zk.CreateAsync($"/brokers/ids/{id}", Encoding.UTF8.GetBytes("{}"), CreateMode.Ephemeral);
        }

        return zk;
    }

    private async Task<string> ConnectAsync(string name) =>
        fixture.Ensemble.ConnectionString + await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, name);

    [Fact]
    public async Task EnterAsync_AllGuardsPass_VerifiedLeaseReleasedOnDispose()
    {
        await using var zk = await ClusterAsync(await ConnectAsync("gateok"), "1,2,3");

        var result = await new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(), CancellationToken.None);

        Assert.True(result.Allowed, result.Detail);
        Assert.True(await result.Lease!.VerifyAsync(CancellationToken.None));
        await result.Lease.DisposeAsync();
        Assert.Equal(0, (await ClusterLock.ReadAsync(zk, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task EnterAsync_MassFailure_RefusedWithoutQueueing()
    {
        await using var zk = await ClusterAsync(await ConnectAsync("gatemass"), "1,2,3");
        var health = new ClusterHealthFacts(true, 3, [1], [1], 3, 0);

        var result = await new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(health: health), CancellationToken.None);

        Assert.Equal(DisruptiveActionGate.MassFailure, result.Reason);
        Assert.Null(await zk.ExistsAsync(CoordinationPaths.DisruptiveLock));
    }

    [Fact]
    public async Task EnterAsync_AtMinIsr_RefusedMinIsrNamingPartitionAndLockReleased()
    {
        await using var zk = await ClusterAsync(await ConnectAsync("gateisr"), "1,2");

        var result = await new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(), CancellationToken.None);

        Assert.Equal(DisruptiveActionGate.MinIsr, result.Reason);
        Assert.Contains("orders-0 (isr 2, min 2)", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await ClusterLock.ReadAsync(zk, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task EnterAsync_UnregisteredBrokerLastInTheIsrOfAnOfflinePartition_AllowedItsRestartIsTheWayBack()
    {
        // All brokers were zombies; broker 1, the controller then, left itself the last ISR member.
        await using var zk = await ClusterAsync(await ConnectAsync("gatezombie"), "1", registered: [2, 3]);

        var result = await new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(), CancellationToken.None);

        Assert.True(result.Allowed, result.Detail);
        await result.Lease!.DisposeAsync();
    }

    [Fact]
    public async Task EnterAsync_RegisteredBrokerLastInTheIsr_RefusedMinIsr()
    {
        await using var zk = await ClusterAsync(await ConnectAsync("gatelast"), "1", registered: [1, 2, 3]);

        var result = await new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(), CancellationToken.None);

        Assert.Equal(DisruptiveActionGate.MinIsr, result.Reason);
    }

    [Fact]
    public async Task EnterAsync_AtMinIsrButActionKeepsBrokerUp_Allowed()
    {
        await using var zk = await ClusterAsync(await ConnectAsync("gatezk"), "1,2");

        var result = await new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(takesBrokerDown: false), CancellationToken.None);

        Assert.True(result.Allowed, result.Detail);
        await result.Lease!.DisposeAsync();
    }

    [Fact]
    public async Task EnterAsync_BrokerLoadingLogs_RefusedRecovery()
    {
        await using var zk = await ClusterAsync(await ConnectAsync("gaterecovery"), "1,2,3");
        await File.WriteAllTextAsync(Path.Combine(_logDir, "server.log"), """
            [2026-11-27 10:05:00,300] INFO starting (kafka.server.KafkaServer)
            [2026-11-27 10:05:01,000] INFO Loading logs from log dirs ArraySeq(/var/kafka) (kafka.log.LogManager)
            """);

        var result = await new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(), CancellationToken.None);

        Assert.Equal(DisruptiveActionGate.Recovery, result.Reason);
        Assert.Contains("Loading logs", result.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await ClusterLock.ReadAsync(zk, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task EnterAsync_ControllerWithAnotherBrokerQueuedForRestart_RefusedDependency()
    {
        var connect = await ConnectAsync("gatecontroller");
        await using var zk = await ClusterAsync(connect, "1,2,3");
        await zk.CreateAsync("/controller", Encoding.UTF8.GetBytes("""{"version":1,"brokerid":1,"timestamp":"1764237600000"}"""), CreateMode.Ephemeral);
        await using var other = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var third = await ZooKeeperTestRoot.ConnectAsync(connect);
        var held = await new ClusterLock(third, TimeProvider.System, NullLogger.Instance).AcquireAsync(new LockOwner("host-3", 3, "clean_app_logs", 0), TimeSpan.FromSeconds(30), CancellationToken.None);
        var gate = new DisruptiveActionGate(zk, TimeProvider.System, NullLogger.Instance).EnterAsync(Request(broker: 1), CancellationToken.None);
        await ClusterLockTests.WaitForQueueAsync(other, 2);
        var queuedBehind = new ClusterLock(other, TimeProvider.System, NullLogger.Instance).AcquireAsync(new LockOwner("host-2", 2, "restart_kafka", 0), TimeSpan.FromSeconds(60), CancellationToken.None);
        await ClusterLockTests.WaitForQueueAsync(other, 3);

        await held!.ReleaseAsync();
        var result = await gate;
        var next = await queuedBehind;

        Assert.Equal(DisruptiveActionGate.Dependency, result.Reason);
        Assert.Contains("brokers 2 wait", result.Detail, StringComparison.Ordinal);
        Assert.NotNull(next); // the controller stepped aside: broker 2 got the lock
        await next.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_logDir, recursive: true);
}
