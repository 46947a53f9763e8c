using System.Net.Sockets;
using KafkaAgent.ZooKeeper.Protocol;

namespace KafkaAgent.ZooKeeper.Tests.Support;

/// <summary>
/// A bare connection that takes over a session by id and password and closes it (CloseSession),
/// the way an operator forces a session to expire. It does not reconnect, so it cannot fight the
/// real client for the session; it simply retries until the close is confirmed.
/// </summary>
internal static class RawSession
{
    public static async Task CloseAsync(string endpoint, long sessionId, ReadOnlyMemory<byte> password, TimeSpan timeout)
    {
        var separator = endpoint.LastIndexOf(':');
        var (host, port) = (endpoint[..separator], int.Parse(endpoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                if (await TryCloseAsync(host, port, sessionId, password, deadline.Token))
                {
                    return;
                }
            }
            catch (IOException)
            {
                // The real client took the session back first; try again.
            }
            catch (SocketException)
            {
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<bool> TryCloseAsync(string host, int port, long sessionId, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(host, port, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var writer = new JuteWriter();
        using var frames = new FrameReader(stream, 1 << 20);

        new ConnectRequest(0, 0, 4000, sessionId, password, ReadOnly: false).WriteFrame(writer);
        await stream.WriteAsync(writer.Written, cancellationToken);
        if (TimeoutOf(await frames.ReadFrameAsync(cancellationToken)) <= 0)
        {
            return true;
        }

        writer.Reset();
        writer.BeginFrame();
        JuteCodec.WriteRequestHeader(writer, 1, OpCode.CloseSession);
        writer.EndFrame();
        await stream.WriteAsync(writer.Written, cancellationToken);
        while (true)
        {
            if (XidOf(await frames.ReadFrameAsync(cancellationToken)) == 1)
            {
                return true;
            }
        }
    }

    private static int TimeoutOf(ReadOnlyMemory<byte> frame)
    {
        var reader = new JuteReader(frame.Span);
        return ConnectResponse.Read(ref reader).TimeoutMs;
    }

    private static int XidOf(ReadOnlyMemory<byte> frame)
    {
        var reader = new JuteReader(frame.Span);
        return ReplyHeader.Read(ref reader).Xid;
    }
}
