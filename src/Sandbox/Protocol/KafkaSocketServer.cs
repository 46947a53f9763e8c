using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>
/// The broker's listener: length-prefixed request frames, one response per request in order; on an SSL
/// listener the same frames inside TLS (a client that does not complete the handshake is dropped unanswered).
/// While <see cref="Hung"/> is set it keeps accepting and reading but never answers, which is how a
/// broker stuck in a request handler looks from outside (TCP connects, requests time out).
/// </summary>
internal sealed class KafkaSocketServer : IAsyncDisposable
{
    // Kafka's socket.request.max.bytes default is 100 MiB; nothing the stand-in serves comes near 1 MiB.
    private const int MaxRequestBytes = 1 << 20;

    private readonly TcpListener _listener;
    private readonly string _listenerName;
    private readonly RequestDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly TlsAcceptor? _tls;
    private readonly IReadOnlyDictionary<string, string>? _saslPlainUsers;
    private readonly CancellationTokenSource _stop = new();
    private Task? _acceptLoop;

    /// <param name="saslPlainUsers">On a SASL_* listener: the PLAIN users and passwords a client must log in as first.</param>
    public KafkaSocketServer(IPEndPoint bindTo, string listenerName, RequestDispatcher dispatcher, ILogger logger, TlsAcceptor? tls = null,
        IReadOnlyDictionary<string, string>? saslPlainUsers = null)
    {
        _tls = tls;
        _saslPlainUsers = saslPlainUsers;
        _listener = new TcpListener(bindTo);
        _listenerName = listenerName;
        _dispatcher = dispatcher;
        _logger = logger;
    }

    public volatile bool Hung;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Binds now (so a port conflict fails start-up, as in Kafka) and accepts in the background.</summary>
    public void Start()
    {
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(backlog: 50);
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(socket, ct);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        using var _ = socket;
        socket.NoDelay = true;
        var peer = socket.RemoteEndPoint?.ToString();
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (_tls is not null)
            {
                try
                {
                    stream = await _tls.AuthenticateAsync(stream, ct);
                }
                catch (Exception e) when (e is AuthenticationException or IOException)
                {
                    // Kafka's SslTransportLayer logs the failed handshake and closes the channel.
                    KafkaAgent.Sandbox.Broker.Log.ClosingConnection(_logger, peer, $"SSL handshake failed: {e.Message}");
                    return;
                }
            }

            await ServeFramesAsync(stream, peer, ct);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away or the broker is stopping
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private async Task ServeFramesAsync(Stream stream, string? peer, CancellationToken ct)
    {
        var sizeBuffer = new byte[4];
        var sasl = _saslPlainUsers is null ? null : new SaslPlainServer(_saslPlainUsers, _dispatcher);
        while (!ct.IsCancellationRequested)
        {
            if (!await ReadExactlyAsync(stream, sizeBuffer, ct))
            {
                return;
            }
            var size = BinaryPrimitives.ReadInt32BigEndian(sizeBuffer);
            if (size < 0 || size > MaxRequestBytes)
            {
                KafkaAgent.Sandbox.Broker.Log.ClosingConnection(_logger, peer, $"invalid request size {size}");
                return;
            }
            var payload = new byte[size];
            if (!await ReadExactlyAsync(stream, payload, ct))
            {
                return;
            }
            if (Hung)
            {
                continue; // read and swallow: the client waits for an answer that never comes
            }
            var result = sasl is { Authenticated: false } ? sasl.Handle(payload, _listenerName) : _dispatcher.Dispatch(payload, _listenerName);
            if (result.Response is not null)
            {
                await stream.WriteAsync(result.Response, ct);
                await stream.FlushAsync(ct);
            }
            // A refused SASL step is answered first, then the connection closes (as Kafka's authenticator does).
            if (result.Response is null || result.CloseReason is not null)
            {
                KafkaAgent.Sandbox.Broker.Log.ClosingConnection(_logger, peer, result.CloseReason);
                return;
            }
        }
    }

    private static async Task<bool> ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return read == buffer.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }
        _stop.Dispose();
    }
}
