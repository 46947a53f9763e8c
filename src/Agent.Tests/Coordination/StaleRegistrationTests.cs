using System.Text;
using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Tests.Coordination;

/// <summary>A registration left by a dead broker's session, against a real ZooKeeper.</summary>
[Trait("Category", "Integration")]
public sealed class StaleRegistrationTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    private static readonly DateTimeOffset Started = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private static readonly DateTimeOffset Exited = Started.AddHours(5);

    private static ZooKeeperStat Stat(DateTimeOffset created) => new(1, 1, created.ToUnixTimeMilliseconds(), created.ToUnixTimeMilliseconds(), 0, 0, 0, 0x1234, 10, 0, 1);

    [Fact]
    public void Classify_NoNode_Absent() =>
        Assert.Equal(RegistrationKind.Absent, StaleRegistration.Classify(null, Started, Exited, TimeSpan.FromSeconds(2)));

    [Fact]
    public void Classify_CreatedDuringTheProcessLife_OwnedByDeadProcess() =>
        Assert.Equal(RegistrationKind.OwnedByDeadProcess, StaleRegistration.Classify(Stat(Started.AddSeconds(8)), Started, Exited, TimeSpan.FromSeconds(2)));

    [Fact]
    public void Classify_CreatedBeforeTheProcessStarted_Older() =>
        Assert.Equal(RegistrationKind.Older, StaleRegistration.Classify(Stat(Started.AddMinutes(-3)), Started, Exited, TimeSpan.FromSeconds(2)));

    [Fact]
    public void Classify_CreatedAfterTheProcessDied_Foreign() =>
        Assert.Equal(RegistrationKind.Foreign, StaleRegistration.Classify(Stat(Exited.AddSeconds(10)), Started, Exited, TimeSpan.FromSeconds(2)));

    [Fact]
    public void Classify_WithinClockSkewOfTheStart_OwnedByDeadProcess() =>
        Assert.Equal(RegistrationKind.OwnedByDeadProcess, StaleRegistration.Classify(Stat(Started.AddSeconds(-1)), Started, Exited, TimeSpan.FromSeconds(2)));

    [Fact]
    public async Task WaitForDeletionAsync_DeadSessionExpires_DeletedSeenByWatch()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "stale");
        await using var agent = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await agent.CreateAsync("/brokers", ReadOnlyMemory<byte>.Empty);
        await agent.CreateAsync("/brokers/ids", ReadOnlyMemory<byte>.Empty);
        // The "broker": its session reaches the server only through a proxy; dropping the proxy leaves the session
        // to expire on the server exactly as a kill -9 does (no CloseSession).
        var proxy = new ZooKeeperCutProxy(fixture.Server.ClientPort);
        var broker = await ZooKeeperTestRoot.ConnectAsync(proxy.Endpoint + chroot, sessionTimeoutMs: 2000);
        await broker.CreateAsync("/brokers/ids/1", Encoding.UTF8.GetBytes("""{"version":4,"host":"127.0.0.1","port":9092}"""), CreateMode.Ephemeral);
        var stat = await agent.ExistsAsync("/brokers/ids/1");
        Assert.Equal(broker.SessionId, stat!.EphemeralOwner);

        await proxy.DisposeAsync();
        var outcome = await StaleRegistration.WaitForDeletionAsync(agent, 1, broker.SessionId, TimeSpan.FromSeconds(60), TimeProvider.System, CancellationToken.None);

        Assert.Equal(StaleWaitOutcome.Deleted, outcome);
        Assert.Null(await agent.ExistsAsync("/brokers/ids/1"));
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task WaitForDeletionAsync_NodeOfAnotherSession_Replaced()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "stalereplaced");
        await using var agent = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await agent.CreateAsync("/brokers", ReadOnlyMemory<byte>.Empty);
        await agent.CreateAsync("/brokers/ids", ReadOnlyMemory<byte>.Empty);
        await using var live = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await live.CreateAsync("/brokers/ids/1", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral);

        var outcome = await StaleRegistration.WaitForDeletionAsync(agent, 1, staleSession: live.SessionId + 1, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

        Assert.Equal(StaleWaitOutcome.Replaced, outcome);
    }

    [Fact]
    public async Task WaitForDeletionAsync_SessionStillAlive_TimedOutAtTheBound()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "staletimeout");
        await using var agent = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await agent.CreateAsync("/brokers", ReadOnlyMemory<byte>.Empty);
        await agent.CreateAsync("/brokers/ids", ReadOnlyMemory<byte>.Empty);
        await using var live = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await live.CreateAsync("/brokers/ids/1", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral);

        var outcome = await StaleRegistration.WaitForDeletionAsync(agent, 1, live.SessionId, TimeSpan.FromSeconds(1), TimeProvider.System, CancellationToken.None);

        Assert.Equal(StaleWaitOutcome.TimedOut, outcome);
        Assert.NotNull(await agent.ExistsAsync("/brokers/ids/1"));
    }

    [Fact]
    public async Task WaitForDeletionAsync_NoNode_DeletedAtOnce()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "staleabsent");
        await using var agent = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);

        Assert.Equal(StaleWaitOutcome.Deleted, await StaleRegistration.WaitForDeletionAsync(agent, 7, 0x42, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task ClearAsync_KilledBrokersSession_DeletesItsRegistrationAndItsController()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "staleclear");
        await using var agent = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await agent.CreateAsync("/brokers", ReadOnlyMemory<byte>.Empty);
        await agent.CreateAsync("/brokers/ids", ReadOnlyMemory<byte>.Empty);
        // As after kill -9: the broker's session is cut off but still alive on the server.
        var proxy = new ZooKeeperCutProxy(fixture.Server.ClientPort);
        var broker = await ZooKeeperTestRoot.ConnectAsync(proxy.Endpoint + chroot, sessionTimeoutMs: 30000);
        await broker.CreateAsync("/brokers/ids/1", Encoding.UTF8.GetBytes("""{"version":4,"host":"127.0.0.1","port":9092}"""), CreateMode.Ephemeral);
        await broker.CreateAsync("/controller", Encoding.UTF8.GetBytes("""{"version":1,"brokerid":1}"""), CreateMode.Ephemeral);
        var stat = (await agent.ExistsAsync("/brokers/ids/1"))!;
        var created = DateTimeOffset.FromUnixTimeMilliseconds(stat.Ctime);
        var session = broker.SessionId;
        await proxy.DisposeAsync();
        var dead = new DeadBroker(4242, created - TimeSpan.FromSeconds(5), TimeProvider.System.GetUtcNow(), session, created);

        var cleared = await StaleRegistration.ClearAsync(agent, 1, dead, StaleRegistration.Skew, CancellationToken.None);

        Assert.Equal(new StaleClearance(true, true, null), cleared);
        Assert.Null(await agent.ExistsAsync("/brokers/ids/1"));
        Assert.Null(await agent.ExistsAsync("/controller"));
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task ClearAsync_RegistrationAndControllerOfALiveSession_DeletesNothing()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "staleclearlive");
        await using var agent = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await agent.CreateAsync("/brokers", ReadOnlyMemory<byte>.Empty);
        await agent.CreateAsync("/brokers/ids", ReadOnlyMemory<byte>.Empty);
        // A broker started since registered under its own session; the dead one's session was another.
        await using var live = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await live.CreateAsync("/brokers/ids/1", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral);
        await live.CreateAsync("/controller", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral);
        var created = DateTimeOffset.FromUnixTimeMilliseconds((await agent.ExistsAsync("/brokers/ids/1"))!.Ctime);
        var dead = new DeadBroker(4242, created - TimeSpan.FromSeconds(5), TimeProvider.System.GetUtcNow(), live.SessionId + 1, created);

        var cleared = await StaleRegistration.ClearAsync(agent, 1, dead, StaleRegistration.Skew, CancellationToken.None);

        Assert.False(cleared.Registration);
        Assert.False(cleared.Controller);
        Assert.Contains("owned by session", cleared.Refused, StringComparison.Ordinal);
        Assert.NotNull(await agent.ExistsAsync("/brokers/ids/1"));
        Assert.NotNull(await agent.ExistsAsync("/controller"));
    }
}
