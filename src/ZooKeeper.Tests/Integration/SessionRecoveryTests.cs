using KafkaAgent.TestBed;
using KafkaAgent.ZooKeeper.Tests.Support;
using KafkaAgent.ZooKeeper.Tests.TestBed;
using Xunit.Abstractions;

namespace KafkaAgent.ZooKeeper.Tests.Integration;

[Trait("Category", "Integration")]
[Collection(StandaloneZooKeeperGroup.Name)]
public sealed class SessionRecoveryTests(StandaloneZooKeeperFixture fixture, ITestOutputHelper output)
{
    private ZooKeeperServer Server => fixture.Ensemble.Servers[0];

    private string ConnectionString => fixture.Ensemble.ConnectionString;

    [Fact]
    public async Task ServerRestart_WithinSessionTimeout_SameSessionAndWatchesRearmed()
    {
        // The call made during the outage waits for the restart, which takes long on a loaded machine.
        await using var client = await TestClients.ConnectAsync(ConnectionString, o => o with { SessionTimeout = TimeSpan.FromSeconds(10), RequestTimeout = TimeSpan.FromSeconds(90) }, output);
        var root = TestClients.UniqueRoot("restart");
        await client.CreateAsync(root, default);
        await client.CreateAsync(root + "/e", default, CreateMode.Ephemeral);
        var dataWatch = new TestClients.EventSink();
        var childWatch = new TestClients.EventSink();
        await client.GetDataAsync(root, dataWatch.Watch);
        await client.GetChildrenAsync(root, childWatch.Watch);
        var session = client.SessionId;

        await Server.StopAsync();
        await TestClients.WaitForStateAsync(client, ZooKeeperState.Disconnected);
        var duringOutage = client.ExistsAsync(root);
        await Server.StartAsync();
        await TestClients.WaitForStateAsync(client, ZooKeeperState.Connected);

        Assert.NotNull(await duringOutage);
        Assert.Equal(session, client.SessionId);
        Assert.Equal(session, (await client.ExistsAsync(root + "/e"))!.EphemeralOwner);
        await client.SetDataAsync(root, "changed"u8.ToArray());
        Assert.Equal(new WatchedEvent(WatchEventType.NodeDataChanged, ZooKeeperState.Connected, root), await dataWatch.Next());
        await client.DeleteAsync(root + "/e");
        Assert.Equal(new WatchedEvent(WatchEventType.NodeChildrenChanged, ZooKeeperState.Connected, root), await childWatch.Next());
    }

    [Fact]
    public async Task ServerRestart_ChangeWhileDisconnected_WatchFiresAfterReconnect()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString, o => o with { SessionTimeout = TimeSpan.FromSeconds(10) }, output);
        await using var other = await TestClients.ConnectAsync(ConnectionString, o => o with { SessionTimeout = TimeSpan.FromSeconds(10) }, output);
        var path = TestClients.UniqueRoot("missed");
        await client.CreateAsync(path, default);
        var watch = new TestClients.EventSink();
        await client.GetDataAsync(path, watch.Watch);

        // Drop only the watcher's connection: the other client changes the node meanwhile.
        await Server.StopAsync();
        await Server.StartAsync();
        await TestClients.WaitForStateAsync(other, ZooKeeperState.Connected);
        await other.SetDataAsync(path, "while you were away"u8.ToArray());

        Assert.Equal(new WatchedEvent(WatchEventType.NodeDataChanged, ZooKeeperState.Connected, path), await watch.Next());
    }

    [Fact]
    public async Task SessionClosedElsewhere_Client_ExpiredAndCallsFail()
    {
        var client = await TestClients.ConnectAsync(ConnectionString, null, output);
        var states = new List<ZooKeeperState>();
        client.StateChanged += (_, state) =>
        {
            lock (states)
            {
                states.Add(state);
            }
        };
        var path = TestClients.UniqueRoot("expire");
        await client.CreateAsync(path, default);
        var watch = new TestClients.EventSink();
        await client.GetDataAsync(path, watch.Watch);

        await RawSession.CloseAsync(Server.Endpoint, client.SessionId, client.SessionPassword, TestClients.EventTimeout);

        await TestClients.WaitForStateAsync(client, ZooKeeperState.Expired);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync(path));
        Assert.Equal(ZooKeeperErrorCode.SessionExpired, error.Code);
        Assert.Equal(new WatchedEvent(WatchEventType.None, ZooKeeperState.Expired, null), await watch.Next());
        await client.DisposeAsync();
        Assert.Equal(ZooKeeperState.Closed, client.State);
        lock (states)
        {
            Assert.Equal([ZooKeeperState.Disconnected, ZooKeeperState.Expired, ZooKeeperState.Closed], states);
        }
    }

    [Fact]
    public async Task ConnectAsync_ResumeExpiredSession_ThrowsSessionExpired()
    {
        long sessionId;
        byte[] password;
        await using (var client = await TestClients.ConnectAsync(ConnectionString, null, output))
        {
            (sessionId, password) = (client.SessionId, client.SessionPassword.ToArray());
        }

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() =>
            TestClients.ConnectAsync(ConnectionString, o => o with { SessionId = sessionId, SessionPassword = password }));

        Assert.Equal(ZooKeeperErrorCode.SessionExpired, error.Code);
    }

    [Fact]
    public async Task ConnectAsync_NoServerListening_ConnectionLossAfterConnectTimeout()
    {
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() =>
            TestClients.ConnectAsync("127.0.0.1:1", o => o with { ConnectTimeout = TimeSpan.FromSeconds(1) }));

        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, error.Code);
    }
}
