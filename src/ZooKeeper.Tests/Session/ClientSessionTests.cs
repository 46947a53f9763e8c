using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Tests.Support;

namespace KafkaAgent.ZooKeeper.Tests.Session;

/// <summary>The session state machine against a scripted server: handshake, pings, timeouts, protocol errors, reconnects.</summary>
public sealed class ClientSessionTests : IAsyncDisposable
{
    private readonly FakeZooKeeperServer _server = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ConnectAsync_NewSession_HandshakeFieldsAndNegotiatedValues()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = client;

        Assert.Equal(new ConnectRequestSeen(0, 0, 4000, 0, new byte[16], false) with { Password = connection.LastConnectRequest!.Password }, connection.LastConnectRequest);
        Assert.Equal(new byte[16], connection.LastConnectRequest.Password);
        Assert.Equal(0x1234, client.SessionId);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i), client.SessionPassword.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(4), client.NegotiatedSessionTimeout);
        Assert.Equal(_server.Endpoint, client.ConnectedServer);
    }

    [Fact]
    public async Task Reply_WrongXid_FailsRequestWithProtocolErrorAndReconnects()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = client;

        var read = client.GetDataAsync("/a");
        var request = await connection.ReadRequestAsync(OpCode.GetData);
        await connection.ReplyAsync(request.Xid + 1, 5, 0, new Bytes().Buffer([]).Stat());

        await Assert.ThrowsAsync<ZooKeeperProtocolException>(() => read);
        var second = await _server.AcceptSessionAsync();
        Assert.Equal(0x1234L, second.LastConnectRequest!.SessionId);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i), second.LastConnectRequest.Password);
        await AnswerGetDataAsync(client, second);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    [InlineData(ZooKeeperClientOptions.DefaultMaxPacketLength + 1025)]
    public async Task Frame_LengthOutOfRange_InFlightFailsWithConnectionLossAndClientReconnects(int length)
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = client;

        var read = client.GetDataAsync("/a");
        await connection.ReadRequestAsync(OpCode.GetData);
        await connection.SendAsync(new Bytes().Int(length).Raw(new byte[32]).ToArray());

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => read);
        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, error.Code);
        Assert.IsType<ZooKeeperProtocolException>(error.InnerException);
        await AnswerGetDataAsync(client, await _server.AcceptSessionAsync());
    }

    [Fact]
    public async Task Reconnect_ServerSaysExpired_ExpiredStateFailsCallsAndEndsWatches()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = client;
        var watch = new List<WatchedEvent>();
        var read = client.GetDataAsync("/a", e => watch.Add(e));
        var request = await connection.ReadRequestAsync(OpCode.GetData);
        await connection.ReplyAsync(request.Xid, 0x55, 0, new Bytes().Buffer([]).Stat());
        await read;

        connection.Dispose();
        await TestClientsWait(client, ZooKeeperState.Disconnected);
        var queued = client.ExistsAsync("/b");
        var second = await _server.AcceptAsync();
        var connect = await second.ReadConnectRequestAsync();
        await second.SendConnectResponseAsync(0, 0);

        Assert.Equal((0x55L, 0x1234L), (connect.LastZxidSeen, connect.SessionId));
        Assert.Equal(ZooKeeperErrorCode.SessionExpired, (await Assert.ThrowsAsync<ZooKeeperException>(() => queued)).Code);
        Assert.Equal(ZooKeeperState.Expired, client.State);
        Assert.Equal(ZooKeeperErrorCode.SessionExpired, (await Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync("/a"))).Code);
        await client.DisposeAsync();
        Assert.Equal([new WatchedEvent(WatchEventType.None, ZooKeeperState.Expired, null)], watch);
    }

    [Fact]
    public async Task Reconnect_WithWatches_SetWatchesBeforeQueuedRequest()
    {
        var (client, connection) = await ConnectAsync(connectionSuffix: "/c");
        await using var _ = client;
        var answers = Task.Run(async () =>
        {
            for (var zxid = 0x10; zxid < 0x13; zxid++)
            {
                var request = await connection.ReadRequestAsync();
                var body = request.Type switch
                {
                    OpCode.GetData => new Bytes().Buffer([]).Stat(),
                    OpCode.GetChildren2 => new Bytes().Int(0).Stat(),
                    _ => new Bytes(),
                };
                await connection.ReplyAsync(request.Xid, zxid, request.Type == OpCode.Exists ? -101 : 0, body);
            }
        });
        await client.GetDataAsync("/a", _ => { });
        await client.ExistsAsync("/b", _ => { });
        await client.GetChildrenAsync("/", _ => { });
        await answers;

        connection.Dispose();
        await TestClientsWait(client, ZooKeeperState.Disconnected);
        var queued = client.GetDataAsync("/q");
        var second = await _server.AcceptSessionAsync();
        var setWatches = await second.ReadRequestAsync();
        var next = await second.ReadRequestAsync(OpCode.GetData);
        await second.ReplyAsync(next.Xid, 0x20, 0, new Bytes().Buffer([1]).Stat());

        Assert.Equal(0x12, second.LastConnectRequest!.LastZxidSeen);
        Assert.Equal((-8, OpCode.SetWatches), (setWatches.Xid, setWatches.Type));
        Assert.Equal(new Bytes().Long(0x12).Int(1).Str("/c/a").Int(1).Str("/c/b").Int(1).Str("/c").ToArray(), setWatches.Body);
        Assert.Equal(new Bytes().Str("/c/q").Bool(false).ToArray(), next.Body);
        Assert.Equal(new byte[] { 1 }, (await queued).Data);
    }

    [Fact]
    public async Task Notification_SentTwice_WatcherCalledOnceWithChrootStripped()
    {
        var (client, connection) = await ConnectAsync(connectionSuffix: "/c");
        await using var _ = client;
        var events = new TestChannel<WatchedEvent>();
        var read = client.GetDataAsync("/a", events.Add);
        var request = await connection.ReadRequestAsync(OpCode.GetData);
        await connection.ReplyAsync(request.Xid, 1, 0, new Bytes().Buffer([]).Stat());
        await read;

        var notification = new Bytes().Int(3).Int(3).Str("/c/a");
        await connection.ReplyAsync(-1, -1, 0, notification);
        await connection.ReplyAsync(-1, -1, 0, notification);
        await AnswerGetDataAsync(client, connection);

        Assert.Equal(new WatchedEvent(WatchEventType.NodeDataChanged, ZooKeeperState.Connected, "/a"), await events.NextAsync());
        Assert.Equal(0, events.Count - 1);
    }

    [Fact]
    public async Task RequestTimeout_SlowReply_CallerTimesOutConnectionKept()
    {
        var (client, connection) = await ConnectAsync(configure: o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        await using var _ = client;

        var slow = client.GetDataAsync("/slow");
        var request = await connection.ReadRequestAsync(OpCode.GetData);
        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => slow);
        await connection.ReplyAsync(request.Xid, 1, 0, new Bytes().Buffer([]).Stat());

        Assert.Equal((ZooKeeperErrorCode.RequestTimeout, "/slow"), (error.Code, error.Path));
        await AnswerGetDataAsync(client, connection);
    }

    [Fact]
    public async Task Cancel_WhileQueuedDuringReconnect_RequestNeverSent()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = client;
        connection.Dispose();
        await TestClientsWait(client, ZooKeeperState.Disconnected);
        using var cancel = new CancellationTokenSource();

        var cancelled = client.GetDataAsync("/cancelled", null, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        var second = await _server.AcceptSessionAsync();
        var read = client.GetDataAsync("/kept");
        var request = await second.ReadRequestAsync(OpCode.GetData);
        await second.ReplyAsync(request.Xid, 3, 0, new Bytes().Buffer([1]).Stat());

        Assert.Equal(new Bytes().Str("/kept").Bool(false).ToArray(), request.Body);
        Assert.Equal(new byte[] { 1 }, (await read).Data);
    }

    [Fact]
    public async Task FailQueuedWhenUnreachable_EveryServerRefuses_QueuedRequestFailsWithConnectionLoss()
    {
        var server = new FakeZooKeeperServer();
        var accepted = server.AcceptSessionAsync();
        // No request timeout: without the option this request would wait for a server as long as the client lives.
        var client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectionString = server.Endpoint,
            SessionTimeout = TimeSpan.FromSeconds(4),
            RequestTimeout = Timeout.InfiniteTimeSpan,
            FailQueuedWhenUnreachable = true,
        });
        await using var _ = client;
        await accepted;
        var endpoint = server.Endpoint;

        await server.DisposeAsync(); // listener gone: every reconnect is refused
        await TestClientsWait(client, ZooKeeperState.Disconnected);
        var read = client.GetDataAsync("/queued");

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => read.WaitAsync(FakeZooKeeperServer.Timeout));
        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, error.Code);
        Assert.Contains($"No ZooKeeper server of {endpoint} accepts connections", error.Message, StringComparison.Ordinal);
        Assert.Equal(ZooKeeperState.Disconnected, client.State);
    }

    [Fact]
    public async Task ConnectionClosed_InFlightRequest_FailsWithConnectionLoss()
    {
        var (client, connection) = await ConnectAsync();
        await using var _ = client;

        var read = client.GetDataAsync("/a");
        await connection.ReadRequestAsync(OpCode.GetData);
        connection.Dispose();

        Assert.Equal(ZooKeeperErrorCode.ConnectionLoss, (await Assert.ThrowsAsync<ZooKeeperException>(() => read)).Code);
    }

    [Fact]
    public async Task DisposeAsync_Connected_SendsCloseSessionAndEndsClosed()
    {
        var (client, connection) = await ConnectAsync();

        var closing = client.DisposeAsync().AsTask();
        var close = await connection.ReadRequestAsync(OpCode.CloseSession);
        await connection.ReplyAsync(close.Xid, 9, 0);
        await closing;

        Assert.Equal(ZooKeeperState.Closed, client.State);
        Assert.Empty(close.Body);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ExistsAsync("/"));
    }

    private async Task<(ZooKeeperClient Client, FakeConnection Connection)> ConnectAsync(
        int timeoutMs = 4000, string connectionSuffix = "", Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null)
    {
        var accepted = _server.AcceptSessionAsync(timeoutMs: timeoutMs);
        var options = new ZooKeeperClientOptions { ConnectionString = _server.Endpoint + connectionSuffix, SessionTimeout = TimeSpan.FromSeconds(4) };
        var client = await ZooKeeperClient.ConnectAsync(configure is null ? options : configure(options));
        return (client, await accepted);
    }

    /// <summary>Proves the connection serves: a getData answered with one byte of data.</summary>
    private static async Task AnswerGetDataAsync(ZooKeeperClient client, FakeConnection connection)
    {
        var read = client.GetDataAsync("/ok");
        var request = await connection.ReadRequestAsync(OpCode.GetData);
        await connection.ReplyAsync(request.Xid, 7, 0, new Bytes().Buffer([42]).Stat());

        Assert.Equal(new byte[] { 42 }, (await read).Data);
        Assert.Equal(ZooKeeperState.Connected, client.State);
    }

    private static Task TestClientsWait(ZooKeeperClient client, ZooKeeperState state) =>
        Integration.TestClients.WaitForStateAsync(client, state);
}
