using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using KafkaAgent.ZooKeeper.Protocol;

namespace KafkaAgent.ZooKeeper.Tests.Support;

/// <summary>
/// A scripted stand-in for a ZooKeeper server on a loopback port: each accepted connection is
/// handed to the test as a <see cref="FakeConnection"/>, so a test can answer, stay silent, or
/// send hostile bytes exactly when it wants to.
/// </summary>
internal sealed class FakeZooKeeperServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<FakeConnection> _accepted = Channel.CreateUnbounded<FakeConnection>();
    private readonly List<FakeConnection> _all = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public FakeZooKeeperServer()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(15);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The next connection the client opens.</summary>
    public async Task<FakeConnection> AcceptAsync(TimeSpan? timeout = null) =>
        await _accepted.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? Timeout);

    /// <summary>Accepts the next connection and completes the handshake with the given session.</summary>
    public async Task<FakeConnection> AcceptSessionAsync(long sessionId = 0x1234, int timeoutMs = 4000)
    {
        var connection = await AcceptAsync();
        connection.LastConnectRequest = await connection.ReadConnectRequestAsync();
        await connection.SendConnectResponseAsync(timeoutMs, sessionId);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        lock (_all)
        {
            foreach (var connection in _all)
            {
                connection.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                var connection = new FakeConnection(socket);
                lock (_all)
                {
                    _all.Add(connection);
                }

                _accepted.Writer.TryWrite(connection);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }
}

/// <summary>One client connection as the fake server sees it.</summary>
internal sealed class FakeConnection(Socket socket) : IDisposable
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private FrameReader? _frames;

    public ConnectRequestSeen? LastConnectRequest { get; set; }

    /// <summary>True when the client already closed its end (it gave up waiting for the handshake).</summary>
    public bool ClosedByPeer
    {
        get
        {
            try
            {
                return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
            }
            catch (ObjectDisposedException)
            {
                return true;
            }
        }
    }

    public async Task<ConnectRequestSeen> ReadConnectRequestAsync()
    {
        var frame = await ReadFrameAsync();
        var reader = new JuteReader(frame);
        return new ConnectRequestSeen(reader.ReadInt(), reader.ReadLong(), reader.ReadInt(), reader.ReadLong(), reader.ReadBuffer(), reader.Remaining > 0 && reader.ReadBool());
    }

    public Task SendConnectResponseAsync(int timeoutMs, long sessionId) =>
        SendAsync(new Bytes().Int(0).Int(timeoutMs).Long(sessionId).Buffer([.. Enumerable.Range(1, 16).Select(i => (byte)i)]).Bool(false).Framed());

    /// <summary>Reads the next request: its header and the body's bytes.</summary>
    public async Task<RequestSeen> ReadRequestAsync()
    {
        var frame = await ReadFrameAsync();
        var reader = new JuteReader(frame);
        var xid = reader.ReadInt();
        var type = reader.ReadInt();
        return new RequestSeen(xid, type, frame[8..]);
    }

    /// <summary>Reads requests until one of the given type, answering pings and skipping SetWatches meanwhile.</summary>
    public async Task<RequestSeen> ReadRequestAsync(int type)
    {
        while (true)
        {
            var request = await ReadRequestAsync();
            if (request.Type == type)
            {
                return request;
            }

            if (request.Type == OpCode.Ping)
            {
                await ReplyAsync(Xid.Ping, 0, 0);
            }
            else if (request.Type != OpCode.SetWatches)
            {
                throw new InvalidOperationException($"Expected request type {type}, got {request.Type}");
            }
        }
    }

    public Task ReplyAsync(int xid, long zxid, int err, Bytes? body = null) =>
        SendAsync(new Bytes().Int(xid).Long(zxid).Int(err).Raw(body?.ToArray() ?? []).Framed());

    public async Task SendAsync(byte[] bytes)
    {
        try
        {
            await _stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The client may already have dropped the connection; that is what some tests provoke.
        }
    }

    /// <summary>True once the client closed its side (reads end).</summary>
    public async Task<bool> ClosedByClientAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer, cancel.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _frames?.Dispose();
        _stream.Dispose();
    }

    private async Task<byte[]> ReadFrameAsync()
    {
        _frames ??= new FrameReader(_stream, 4 << 20);
        using var timeout = new CancellationTokenSource(FakeZooKeeperServer.Timeout);
        return (await _frames.ReadFrameAsync(timeout.Token)).ToArray();
    }
}

internal sealed record ConnectRequestSeen(int ProtocolVersion, long LastZxidSeen, int TimeoutMs, long SessionId, byte[] Password, bool ReadOnly);

internal sealed record RequestSeen(int Xid, int Type, byte[] Body);
