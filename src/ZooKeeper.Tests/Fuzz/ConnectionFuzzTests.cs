using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Tests.Support;
using Xunit.Abstractions;

namespace KafkaAgent.ZooKeeper.Tests.Fuzz;

/// <summary>
/// A hostile server: after each handshake it answers a request with mutated or random bytes, then
/// drops the connection. One client lives through all of it: every call ends with a result or a
/// <see cref="ZooKeeperException"/>, and afterwards the client still serves.
/// </summary>
public sealed class ConnectionFuzzTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Seed = 0xbad5eed;
    private const int Cases = 60;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);
    private readonly FakeZooKeeperServer _server = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Client_HostileReplies_EveryCallEndsTypedAndClientRecovers()
    {
        var random = new Random(Seed);
        // The first handshake too may be answered after the client gave up on it (a loaded machine).
        var accepted = NextSessionAsync();
        await using var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectionString = _server.Endpoint + "/chroot",
            SessionTimeout = TimeSpan.FromMilliseconds(1000),
            RequestTimeout = TimeSpan.FromSeconds(10),
            LoggerFactory = new TestOutputLoggerFactory(output),
        });
        var connection = await accepted;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Cases && clock.Elapsed < Budget; i++)
        {
            var call = client.GetChildrenAsync("/a", _ => { });
            try
            {
                var request = await connection.ReadRequestAsync(OpCode.GetChildren2);
                var valid = new Bytes().Int(request.Xid).Long(i + 1).Int(0).Int(2).Str("x").Str("y").Stat().ToArray();
                var hostile = random.Next(4) == 0 ? FrameMutator.Noise(random, random.Next(1, 200)) : new Bytes().Raw(FrameMutator.Mutate(valid, random)).Framed();
                await connection.SendAsync(hostile);
                await Task.Delay(random.Next(5));
            }
            catch (IOException)
            {
                // On a loaded machine the client may time this connection out first: that is a case too.
            }

            connection.Dispose();
            var outcome = await OutcomeAsync(call);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            connection = await NextSessionAsync();
        }

        Assert.Equal(new byte[] { 42 }, await ServedReadAsync(client, connection));
        Assert.True(outcomes.Values.Sum() >= 20, $"only {outcomes.Values.Sum()} cases ran");
        Assert.True(outcomes.Count >= 2, "the hostile replies should end calls in more than one way: " + string.Join(", ", outcomes));
    }

    /// <summary>A read the (honest again) server answers; retried on a fresh connection if the client timed one out.</summary>
    private async Task<byte[]> ServedReadAsync(ZooKeeperClient client, FakeConnection connection)
    {
        for (var attempt = 0; ; attempt++)
        {
            var read = client.GetDataAsync("/ok");
            try
            {
                var request = await connection.ReadRequestAsync(OpCode.GetData);
                await connection.ReplyAsync(request.Xid, 1000, 0, new Bytes().Buffer([42]).Stat());
                return (await read).Data;
            }
            catch (Exception exception) when (attempt < 3 && exception is IOException or ZooKeeperException)
            {
                connection.Dispose();
                connection = await NextSessionAsync();
            }
        }
    }

    /// <summary>
    /// The next connection that completes a handshake. Under load the client may give up on a
    /// handshake the test was slow to answer and try again: skip the connections it abandoned.
    /// </summary>
    private async Task<FakeConnection> NextSessionAsync()
    {
        while (true)
        {
            try
            {
                var connection = await _server.AcceptSessionAsync(timeoutMs: 1000);
                await Task.Delay(20);
                if (!connection.ClosedByPeer)
                {
                    return connection;
                }

                connection.Dispose();
            }
            catch (EndOfStreamException)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<string> OutcomeAsync(Task<ZooKeeperChildren> call)
    {
        try
        {
            await call;
            return "ok";
        }
        catch (ZooKeeperException exception)
        {
            return exception.Code.ToString();
        }
    }
}
