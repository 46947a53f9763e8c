using KafkaAgent.TestBed.Ports;
using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.ZooKeeper.Tests.FourLetterWords;

public sealed class FourLetterWordClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("")]
    [InlineData("srv")]
    [InlineData("srvrr")]
    [InlineData("SRVR")]
    [InlineData("sr1r")]
    public async Task SendAsync_NotFourLowerCaseLetters_ThrowsArgumentException(string command) =>
        await Assert.ThrowsAsync<ArgumentException>(() => FourLetterWordClient.SendAsync("127.0.0.1", 2181, command, Timeout));

    [Fact]
    public async Task SendAsync_NothingListens_Refused()
    {
        using var lease = PortAllocator.Allocate(); // reserved and verified unbound

        var error = await Assert.ThrowsAsync<FourLetterWordException>(
            () => FourLetterWordClient.SendAsync("127.0.0.1", lease.Port, "ruok", Timeout));

        Assert.Equal(FourLetterWordErrorKind.Refused, error.Kind);
        Assert.Equal($"127.0.0.1:{lease.Port}", error.Endpoint);
    }

    [Fact]
    public async Task SendAsync_AcceptsButNeverAnswers_Timeout()
    {
        await using var server = new FakeFourLetterWordServer(_ => Task.FromResult(false));

        var error = await Assert.ThrowsAsync<FourLetterWordException>(
            () => FourLetterWordClient.SendAsync("127.0.0.1", server.Port, "ruok", TimeSpan.FromMilliseconds(300)));

        Assert.Equal(FourLetterWordErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task SendAsync_ClosesWithoutAnswer_Closed()
    {
        await using var server = new FakeFourLetterWordServer(_ => Task.FromResult(true));

        var error = await Assert.ThrowsAsync<FourLetterWordException>(
            () => FourLetterWordClient.SendAsync("127.0.0.1", server.Port, "ruok", Timeout));

        Assert.Equal(FourLetterWordErrorKind.Closed, error.Kind);
    }

    [Fact]
    public async Task SendAsync_AnswerOverBound_TooLarge()
    {
        await using var server = new FakeFourLetterWordServer(FakeFourLetterWordServer.Answering(new byte[64 * 1024]));

        var error = await Assert.ThrowsAsync<FourLetterWordException>(
            () => FourLetterWordClient.SendAsync("127.0.0.1", server.Port, "mntr", Timeout, maxReplyBytes: 1000));

        Assert.Equal(FourLetterWordErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public async Task SendAsync_AnswerExactlyAtBound_Returned()
    {
        await using var server = new FakeFourLetterWordServer(FakeFourLetterWordServer.Answering("imok"u8.ToArray()));

        var reply = await FourLetterWordClient.SendAsync("127.0.0.1", server.Port, "ruok", Timeout, maxReplyBytes: 4);

        Assert.Equal(new FourLetterWordReply("ruok", "imok", NotWhitelisted: false), reply);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_OperationCanceledNotTimeout()
    {
        await using var server = new FakeFourLetterWordServer(_ => Task.FromResult(false));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => FourLetterWordClient.SendAsync("127.0.0.1", server.Port, "ruok", TimeSpan.FromMinutes(1), cancel.Token));
    }
}
