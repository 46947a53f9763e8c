using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KafkaAgent.ZooKeeper.Tests.TestBed;

/// <summary>A bare TCP four-letter-word exchange, independent of the product's client, to observe the fixture.</summary>
internal static class RawProbe
{
    public enum Outcome { Answered, Refused, Silent }

    public static async Task<(Outcome Outcome, string Text)> SendAsync(int port, string command, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes(command), SocketFlags.None, deadline.Token);
            var reply = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            {
                reply.Write(buffer, 0, read);
            }

            return (Outcome.Answered, Encoding.ASCII.GetString(reply.ToArray()));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return (Outcome.Refused, string.Empty);
        }
        catch (OperationCanceledException)
        {
            return (Outcome.Silent, string.Empty);
        }
    }

    public static async Task<string?> ModeAsync(int port)
    {
        var (outcome, text) = await SendAsync(port, "srvr", TimeSpan.FromSeconds(5));
        return outcome == Outcome.Answered
            ? text.Split('\n').FirstOrDefault(line => line.StartsWith("Mode: ", StringComparison.Ordinal))?["Mode: ".Length..]
            : null;
    }
}
