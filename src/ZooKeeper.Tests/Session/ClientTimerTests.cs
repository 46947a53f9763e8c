using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.ZooKeeper.Tests.Session;

/// <summary>Pings, read timeout, request timeout and connect timeout on a fake clock: every timer goes through TimeProvider.</summary>
public sealed class ClientTimerTests : IAsyncDisposable
{
    private readonly FakeZooKeeperServer _server = new();
    private readonly FakeTimeProvider _clock = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Connection_IdleForAThirdOfTimeout_PingsOnlyThen()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = new Disposer(this, client);
        var next = connection.ReadRequestAsync();

        await AdvanceAsync(TimeSpan.FromMilliseconds(900));
        Assert.False(next.IsCompleted, "no ping before a third of the session timeout");
        var ping = await AdvanceUntilAsync(next);

        Assert.Equal((Xid.Ping, OpCode.Ping), (ping.Xid, ping.Type));
    }

    [Fact]
    public async Task Server_SilentForTwoThirdsOfTimeout_ClientDropsConnectionAndReconnects()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = new Disposer(this, client);

        Assert.True(await AdvanceUntilAsync(connection.ClosedByClientAsync(TimeSpan.FromSeconds(30))));
        var second = await AdvanceUntilAsync(_server.AcceptSessionAsync(timeoutMs: 3000));

        Assert.Equal(0x1234, second.LastConnectRequest!.SessionId);
    }

    [Fact]
    public async Task QueuedRequest_NoConnectionWithinRequestTimeout_FailsWithConnectionLoss()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = new Disposer(this, client);
        await _server.DisposeAsync();
        connection.Dispose();
        await Integration.TestClients.WaitForStateAsync(client, ZooKeeperState.Disconnected);

        var queued = client.GetDataAsync("/a");
        await AdvanceAsync(TimeSpan.FromSeconds(4));
        Assert.False(queued.IsCompleted, "the request waits for a connection up to RequestTimeout");
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => AdvanceUntilAsync(queued));

        Assert.Equal((ZooKeeperErrorCode.ConnectionLoss, "/a"), (error.Code, error.Path));
    }

    [Fact]
    public async Task ConnectAsync_ServerNeverAnswers_ConnectionLossAtConnectTimeout()
    {
        var connecting = ZooKeeperClient.ConnectAsync(Options());
        await _server.AcceptAsync();

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => AdvanceUntilAsync(connecting));

        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, error.Code);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    /// <summary>Closing waits (on the fake clock) for the CloseSession reply, so the clock must move meanwhile.</summary>
    private sealed class Disposer(ClientTimerTests test, ZooKeeperClient client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await test.AdvanceUntilAsync(client.DisposeAsync().AsTask().ContinueWith(_ => true, TaskScheduler.Default));
    }

    private ZooKeeperClientOptions Options() => new()
    {
        ConnectionString = _server.Endpoint,
        SessionTimeout = TimeSpan.FromSeconds(3),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(5),
        TimeProvider = _clock,
    };

    private async Task<(ZooKeeperClient Client, FakeConnection Connection)> ConnectAsync()
    {
        var accepted = _server.AcceptSessionAsync(timeoutMs: 3000);
        var client = await ZooKeeperClient.ConnectAsync(Options());
        return (client, await accepted);
    }

    /// <summary>Moves the fake clock in small steps, letting the client's tasks run in between.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        for (var done = TimeSpan.Zero; done < by; done += TimeSpan.FromMilliseconds(100))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(2);
        }
    }

    /// <summary>Advances the fake clock until the task completes (at most a minute of fake time).</summary>
    private async Task<T> AdvanceUntilAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 600 && !task.IsCompleted; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(task, Task.Delay(5));
        }

        return await task;
    }
}
