using System.Net.Sockets;

namespace KafkaAgent.Probes.Kafka;

/// <summary>Whether a TCP port accepts a connection within a deadline.</summary>
internal static class TcpConnect
{
    public static async Task<(bool Open, string Detail)> TryAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, deadline.Token);
            return (true, "accepts connections");
        }
        catch (SocketException ex)
        {
            return (false, ex.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no TCP connection within {timeout.TotalSeconds:0.#} s");
        }
    }
}
