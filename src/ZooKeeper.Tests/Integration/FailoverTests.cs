using KafkaAgent.TestBed;
using KafkaAgent.ZooKeeper.Tests.TestBed;
using Xunit.Abstractions;

namespace KafkaAgent.ZooKeeper.Tests.Integration;

/// <summary>Failover inside a 3-node ensemble. Each test breaks a follower and puts it back before it ends.</summary>
[Trait("Category", "Integration")]
[Collection(EnsembleZooKeeperGroup.Name)]
public sealed class FailoverTests(EnsembleZooKeeperFixture fixture, ITestOutputHelper output)
{
    private ZooKeeperEnsemble Ensemble => fixture.Ensemble;

    [Fact]
    public async Task ConnectedServerKilled_Client_ResumesSessionOnAnotherMember()
    {
        var follower = await FollowerAsync();
        await using var client = await TestClients.ConnectFirstToAsync(Ensemble, follower, output);
        var root = TestClients.UniqueRoot("failover");
        await client.CreateAsync(root, default);
        await client.CreateAsync(root + "/e", default, CreateMode.Ephemeral);
        var watch = new TestClients.EventSink();
        await client.GetChildrenAsync(root, watch.Watch);
        var session = client.SessionId;

        follower.Kill();
        try
        {
            await TestClients.WaitForStateAsync(client, ZooKeeperState.Disconnected);
            await TestClients.WaitForStateAsync(client, ZooKeeperState.Connected);

            Assert.Equal(session, client.SessionId);
            Assert.NotEqual(follower.Endpoint, client.ConnectedServer);
            Assert.Equal(session, (await client.ExistsAsync(root + "/e"))!.EphemeralOwner);
            await client.CreateAsync(root + "/after", default);
            Assert.Equal(new WatchedEvent(WatchEventType.NodeChildrenChanged, ZooKeeperState.Connected, root), await watch.Next());
        }
        finally
        {
            await follower.StartAsync();
        }
    }

    [Fact]
    public async Task ConnectedServerStopped_Client_TimesOutAndMovesToAnotherMember()
    {
        var follower = await FollowerAsync();
        await using var client = await TestClients.ConnectFirstToAsync(Ensemble, follower, output);
        var path = TestClients.UniqueRoot("paused");
        await client.CreateAsync(path, "x"u8.ToArray());
        var session = client.SessionId;

        follower.Pause();
        try
        {
            // Nothing closes the socket: only the client's read timeout (2/3 of the session timeout) notices.
            var read = client.GetDataAsync(path);
            var error = await Assert.ThrowsAsync<ZooKeeperException>(() => read);
            Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, error.Code);
            await TestClients.WaitForStateAsync(client, ZooKeeperState.Connected);

            Assert.Equal(session, client.SessionId);
            Assert.NotEqual(follower.Endpoint, client.ConnectedServer);
            Assert.Equal("x"u8.ToArray(), (await client.GetDataAsync(path)).Data);
        }
        finally
        {
            // Stopped longer than syncLimit, the follower was dropped by the leader and would flap
            // between serving and re-syncing for a while after SIGCONT: restart it for a clean rejoin.
            follower.Resume();
            await follower.StopAsync();
            await follower.StartAsync();
        }
    }

    [Fact]
    public async Task AllButOneMemberListed_Client_ConnectsThroughAnyListedServer()
    {
        var servers = Ensemble.Servers;
        await using var client = await TestClients.ConnectAsync($"127.0.0.1:1,{servers[2].Endpoint}", null, output);

        Assert.Equal(servers[2].Endpoint, client.ConnectedServer);
        Assert.NotNull(await client.ExistsAsync("/"));
    }

    private async Task<ZooKeeperServer> FollowerAsync()
    {
        foreach (var server in Ensemble.Servers)
        {
            if (await RawProbe.ModeAsync(server.ClientPort) == "follower")
            {
                return server;
            }
        }

        throw new InvalidOperationException("no follower in the ensemble");
    }

    /// <summary>A client that connects to <paramref name="first"/> first (no shuffle), the others next.</summary>
}
