using KafkaAgent.TestBed;

namespace KafkaAgent.ZooKeeper.Tests.TestBed;

[Trait("Category", "Integration")]
[Collection(EnsembleZooKeeperGroup.Name)]
public sealed class EnsembleTests(EnsembleZooKeeperFixture fixture)
{
    private ZooKeeperEnsemble Ensemble => fixture.Ensemble;

    [Fact]
    public async Task StartAsync_ThreeMembers_OneLeaderTwoFollowers()
    {
        var modes = await Modes();

        Assert.Equal(["follower", "follower", "leader"], modes.Order());
        Assert.Equal(3, Ensemble.ConnectionString.Split(',').Length);
        Assert.Equal([1, 2, 3], Ensemble.Servers.Select(server => server.Id));
        Assert.Equal(3, Ensemble.Servers.Select(server => server.ClientPort).Distinct().Count());
        Assert.Contains("server.3=127.0.0.1:", await File.ReadAllTextAsync(Ensemble.Servers[0].ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_OneFollower_OthersKeepServingAndItRejoins()
    {
        var follower = await Member("follower");

        follower.Kill();

        Assert.Null(await RawProbe.ModeAsync(follower.ClientPort));
        foreach (var other in Ensemble.Servers.Where(server => server != follower))
        {
            Assert.NotNull(await RawProbe.ModeAsync(other.ClientPort));
        }

        await follower.StartAsync();
        Assert.Equal("follower", await RawProbe.ModeAsync(follower.ClientPort));
    }

    [Fact]
    public async Task StartStandaloneAsync_Member_ServesAloneThenRejoins()
    {
        var follower = await Member("follower");
        await follower.StopAsync();

        await follower.StartStandaloneAsync();

        Assert.Equal("standalone", await RawProbe.ModeAsync(follower.ClientPort));
        await follower.StopAsync();
        await follower.StartAsync();
        Assert.Equal("follower", await RawProbe.ModeAsync(follower.ClientPort));
    }

    private async Task<string?[]> Modes() =>
        await Task.WhenAll(Ensemble.Servers.Select(server => RawProbe.ModeAsync(server.ClientPort)));

    private async Task<ZooKeeperServer> Member(string mode)
    {
        var modes = await Modes();
        return Ensemble.Servers[Array.IndexOf(modes, mode)];
    }
}
