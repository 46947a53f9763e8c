using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace KafkaAgent.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of one real ZooKeeper server that can lose a connection at the worst moment:
/// when armed, it lets the next create request (opcode 1) reach the server, waits until the server's reply to it
/// comes back (so the node surely exists), then closes both sides without passing that reply on. The client sees
/// ConnectionLoss for a create that happened, exactly the case the lock recipe's unique prefix is for.
/// </summary>
internal sealed class ZooKeeperCutProxy : IAsyncDisposable
{
    private const int CreateOpCode = 1;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _armed;
    private int _cuts;

    public ZooKeeperCutProxy(int serverPort)
    {
        _server = new IPEndPoint(IPAddress.Loopback, serverPort);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Connections cut so far.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>Cut the connection that carries the next create, right after the server answered it.</summary>
    public void ArmCutAfterNextCreate() => Volatile.Write(ref _armed, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(_server, _stop.Token);
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var watchedXid = new WatchedCreate();
                var up = PumpAsync(client.GetStream(), upstream.GetStream(), toServer: true, watchedXid, cut);
                var down = PumpAsync(upstream.GetStream(), client.GetStream(), toServer: false, watchedXid, cut);
                await Task.WhenAny(up, down);
                await cut.CancelAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Copies whole frames (4-byte length + body); the first frame each way is the session handshake.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool toServer, WatchedCreate watchedXid, CancellationTokenSource cut)
    {
        var first = true;
        var lengthBytes = new byte[4];
        while (!cut.IsCancellationRequested)
        {
            await from.ReadExactlyAsync(lengthBytes, cut.Token);
            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(lengthBytes)];
            await from.ReadExactlyAsync(body, cut.Token);
            if (!first && body.Length >= 8)
            {
                var xid = BinaryPrimitives.ReadInt32BigEndian(body);
                if (toServer && BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(4)) == CreateOpCode && Interlocked.Exchange(ref _armed, 0) == 1)
                {
                    Volatile.Write(ref watchedXid.Xid, xid);
                }
                else if (!toServer && Volatile.Read(ref watchedXid.Xid) == xid)
                {
                    // The server has applied the create; the client never hears of it.
                    Interlocked.Increment(ref _cuts);
                    await cut.CancelAsync();
                    return;
                }
            }

            first = false;
            await to.WriteAsync(lengthBytes, cut.Token);
            await to.WriteAsync(body, cut.Token);
        }
    }

    /// <summary>The xid of the create to cut after, per connection (int.MinValue: none; real xids are positive).</summary>
    private sealed class WatchedCreate
    {
        public int Xid = int.MinValue;
    }
}
