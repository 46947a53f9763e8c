using KafkaAgent.ZooKeeper.FourLetterWords;
using KafkaAgent.ZooKeeper.Tests.TestBed;

namespace KafkaAgent.ZooKeeper.Tests.FourLetterWords;

[Trait("Category", "Integration")]
[Collection(EnsembleZooKeeperGroup.Name)]
public sealed class EnsembleFourLetterWordTests(EnsembleZooKeeperFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SrvrAsync_Ensemble_OneLeaderTwoFollowers()
    {
        var replies = await Task.WhenAll(fixture.Ensemble.Servers.Select(
            server => FourLetterWordClient.SrvrAsync("127.0.0.1", server.ClientPort, Timeout)));

        Assert.Equal(
            [ZooKeeperServerMode.Leader, ZooKeeperServerMode.Follower, ZooKeeperServerMode.Follower],
            replies.Select(reply => reply.Mode).OrderBy(mode => mode == ZooKeeperServerMode.Leader ? 0 : 1));
    }

    [Fact]
    public async Task MntrAsync_Leader_CountsSyncedFollowers()
    {
        var replies = await Task.WhenAll(fixture.Ensemble.Servers.Select(
            server => FourLetterWordClient.MntrAsync("127.0.0.1", server.ClientPort, Timeout)));
        var leader = Assert.Single(replies, reply => reply.ServerState == ZooKeeperServerMode.Leader);

        Assert.Equal(2, leader.SyncedFollowers);
        Assert.All(replies.Where(reply => reply != leader), follower => Assert.Null(follower.SyncedFollowers));
    }

    [Fact]
    public async Task ConfAsync_Member_ListsEnsembleAndOwnId()
    {
        var member = fixture.Ensemble.Servers[1];

        var reply = await FourLetterWordClient.ConfAsync("127.0.0.1", member.ClientPort, Timeout);

        Assert.Equal(member.Id, reply.ServerId);
        Assert.Equal([1, 2, 3], reply.Servers.Keys.Order());
        Assert.Equal(10, reply.InitLimit);
    }
}
