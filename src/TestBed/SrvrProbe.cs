using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KafkaAgent.TestBed;

/// <summary>
/// The test bed's own minimal <c>srvr</c> probe (always whitelisted), so readiness checks do not depend
/// on the product's client under test.
/// </summary>
public static class SrvrProbe
{
    private const int MaxReply = 64 * 1024;

    /// <summary>The server's Mode line (standalone, leader, follower, ...), or null when it does not serve.</summary>
    public static async Task<string?> TryGetModeAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeoutSource.Token);
            await socket.SendAsync("srvr"u8.ToArray(), SocketFlags.None, timeoutSource.Token);
            var buffer = new byte[MaxReply];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeoutSource.Token)) > 0)
            {
                length += read;
            }

            foreach (var line in Encoding.ASCII.GetString(buffer, 0, length).Split('\n'))
            {
                if (line.StartsWith("Mode: ", StringComparison.Ordinal))
                {
                    return line["Mode: ".Length..].Trim();
                }
            }

            return null;
        }
        catch (Exception e) when (e is SocketException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
