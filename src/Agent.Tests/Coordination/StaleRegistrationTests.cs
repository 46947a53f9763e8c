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

    /// <summary>A chroot of the test's own holding an empty "/brokers/ids", and the agent's session under it.</summary>
    private async Task<(string Chroot, ZooKeeperClient Agent)> BrokerIdsAsync(string name)
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, name);
        var agent = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await agent.CreateAsync("/brokers", ReadOnlyMemory<byte>.Empty);
        await agent.CreateAsync("/brokers/ids", ReadOnlyMemory<byte>.Empty);
        return (chroot, agent);
    }

    /// <summary>
    /// The "broker" registered as 1 through a proxy: disposing the proxy leaves its session to expire on the server
    /// exactly as a kill -9 does (no CloseSession).
    /// </summary>
    private async Task<(ZooKeeperCutProxy Proxy, ZooKeeperClient Broker)> CutOffBrokerAsync(string chroot, int sessionTimeoutMs)
    {
        var proxy = new ZooKeeperCutProxy(fixture.Server.ClientPort);
        var broker = await ZooKeeperTestRoot.ConnectAsync(proxy.Endpoint + chroot, sessionTimeoutMs);
        await broker.CreateAsync("/brokers/ids/1", Encoding.UTF8.GetBytes("""{"version":4,"host":"127.0.0.1","port":9092}"""), CreateMode.Ephemeral);
        return (proxy, broker);
    }

    /// <summary>A broker registered as 1 under a live session of its own.</summary>
    private async Task<ZooKeeperClient> LiveBrokerAsync(string chroot)
    {
        var live = await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + chroot);
        await live.CreateAsync("/brokers/ids/1", ReadOnlyMemory<byte>.Empty, CreateMode.Ephemeral);
        return live;
    }

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
        var (chroot, agentSession) = await BrokerIdsAsync("stale");
        await using var agent = agentSession;
        var (proxy, broker) = await CutOffBrokerAsync(chroot, sessionTimeoutMs: 2000);
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
        var (chroot, agentSession) = await BrokerIdsAsync("stalereplaced");
        await using var agent = agentSession;
        await using var live = await LiveBrokerAsync(chroot);

        var outcome = await StaleRegistration.WaitForDeletionAsync(agent, 1, staleSession: live.SessionId + 1, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

        Assert.Equal(StaleWaitOutcome.Replaced, outcome);
    }

    [Fact]
    public async Task WaitForDeletionAsync_SessionStillAlive_TimedOutAtTheBound()
    {
        var (chroot, agentSession) = await BrokerIdsAsync("staletimeout");
        await using var agent = agentSession;
        await using var live = await LiveBrokerAsync(chroot);

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
        var (chroot, agentSession) = await BrokerIdsAsync("staleclear");
        await using var agent = agentSession;
        // As after kill -9: the broker's session is cut off but still alive on the server.
        var (proxy, broker) = await CutOffBrokerAsync(chroot, sessionTimeoutMs: 30000);
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
        var (chroot, agentSession) = await BrokerIdsAsync("staleclearlive");
        await using var agent = agentSession;
        // A broker started since registered under its own session; the dead one's session was another.
        await using var live = await LiveBrokerAsync(chroot);
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
