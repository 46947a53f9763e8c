using KafkaAgent.TestBed;
using KafkaAgent.ZooKeeper.FourLetterWords;
using KafkaAgent.ZooKeeper.Tests.TestBed;

namespace KafkaAgent.ZooKeeper.Tests.FourLetterWords;

[Trait("Category", "Integration")]
[Collection(StandaloneZooKeeperGroup.Name)]
public sealed class StandaloneFourLetterWordTests(StandaloneZooKeeperFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private ZooKeeperServer Server => fixture.Ensemble.Servers[0];

    [Fact]
    public async Task RuokAsync_Whitelisted_Imok() =>
        Assert.True((await FourLetterWordClient.RuokAsync("127.0.0.1", Server.ClientPort, Timeout)).IsOk);

    [Fact]
    public async Task SrvrAsync_Standalone_ModeStandalone()
    {
        var reply = await FourLetterWordClient.SrvrAsync("127.0.0.1", Server.ClientPort, Timeout);

        Assert.Equal(ZooKeeperServerMode.Standalone, reply.Mode);
        Assert.StartsWith("3.8", reply.Version, StringComparison.Ordinal);
        Assert.True(reply.NodeCount >= 1, "the root exists");
    }

    [Fact]
    public async Task MntrAsync_Standalone_StateAndCounters()
    {
        var reply = await FourLetterWordClient.MntrAsync("localhost", Server.ClientPort, Timeout);

        Assert.Equal(ZooKeeperServerMode.Standalone, reply.ServerState);
        Assert.True(reply.ZnodeCount >= 1);
        Assert.True(reply.AliveConnections >= 1, "our own connection counts");
        Assert.NotNull(reply.OpenFileDescriptorCount);
        Assert.Null(reply.Followers);
    }

    [Fact]
    public async Task IsroAsync_Standalone_ReadWrite() =>
        Assert.False((await FourLetterWordClient.IsroAsync("127.0.0.1", Server.ClientPort, Timeout)).IsReadOnly);

    [Fact]
    public async Task ConfAsync_Standalone_MatchesGeneratedConfig()
    {
        var reply = await FourLetterWordClient.ConfAsync("127.0.0.1", Server.ClientPort, Timeout);

        Assert.Equal(Server.ClientPort, reply.ClientPort);
        Assert.Equal(500, reply.TickTime);
        Assert.Equal(Path.Combine(Server.DataDirectory, "version-2"), reply.DataDirectory);
        Assert.Empty(reply.Servers);
    }

    [Fact]
    public async Task SendAsync_PausedServer_TimeoutNotRefused()
    {
        Server.Pause();
        try
        {
            var error = await Assert.ThrowsAsync<FourLetterWordException>(
                () => FourLetterWordClient.SendAsync("127.0.0.1", Server.ClientPort, "ruok", TimeSpan.FromMilliseconds(500)));

            Assert.Equal(FourLetterWordErrorKind.Timeout, error.Kind);
        }
        finally
        {
            Server.Resume();
        }

        Assert.True((await FourLetterWordClient.RuokAsync("127.0.0.1", Server.ClientPort, Timeout)).IsOk);
    }

    [Fact]
    public async Task SendAsync_KilledServer_Refused()
    {
        Server.Kill();
        try
        {
            var error = await Assert.ThrowsAsync<FourLetterWordException>(
                () => FourLetterWordClient.SrvrAsync("127.0.0.1", Server.ClientPort, Timeout));

            Assert.Equal(FourLetterWordErrorKind.Refused, error.Kind);
        }
        finally
        {
            await Server.StartAsync();
        }
    }
}
