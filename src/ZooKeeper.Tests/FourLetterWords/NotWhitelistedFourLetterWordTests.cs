using KafkaAgent.ZooKeeper.FourLetterWords;
using KafkaAgent.ZooKeeper.Tests.TestBed;

namespace KafkaAgent.ZooKeeper.Tests.FourLetterWords;

[Trait("Category", "Integration")]
[Collection(StandaloneNotWhitelistedZooKeeperGroup.Name)]
public sealed class NotWhitelistedFourLetterWordTests(StandaloneNotWhitelistedZooKeeperFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private int Port => fixture.Ensemble.Servers[0].ClientPort;

    [Theory]
    [InlineData("ruok")]
    [InlineData("mntr")]
    [InlineData("isro")]
    [InlineData("conf")]
    public async Task SendAsync_DefaultWhitelist_FlagsNotWhitelisted(string command)
    {
        var reply = await FourLetterWordClient.SendAsync("127.0.0.1", Port, command, Timeout);

        Assert.True(reply.NotWhitelisted, reply.Text);
        Assert.Equal(command, reply.Command);
    }

    [Fact]
    public async Task MntrAsync_DefaultWhitelist_ThrowsNotWhitelistedKind()
    {
        var error = await Assert.ThrowsAsync<FourLetterWordException>(
            () => FourLetterWordClient.MntrAsync("127.0.0.1", Port, Timeout));

        Assert.Equal(FourLetterWordErrorKind.NotWhitelisted, error.Kind);
    }

    [Fact]
    public async Task SrvrAsync_DefaultWhitelist_StillAnswers()
    {
        var reply = await FourLetterWordClient.SrvrAsync("127.0.0.1", Port, Timeout);

        Assert.Equal(ZooKeeperServerMode.Standalone, reply.Mode);
    }
}
