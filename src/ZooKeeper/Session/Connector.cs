using System.Net.Sockets;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>Opens the byte stream to one server (a seam so tests can stand in a scripted server).</summary>
internal delegate ValueTask<Stream> Connector(HostEndpoint host, CancellationToken cancellationToken);

internal static class TcpConnector
{
    public static async ValueTask<Stream> ConnectAsync(HostEndpoint host, CancellationToken cancellationToken)
    {
        // Requests are small and latency matters more than packet count: no Nagle.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host.Host, host.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
