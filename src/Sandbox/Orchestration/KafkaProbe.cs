using System.Buffers.Binary;
using System.Net.Sockets;
using KafkaAgent.Sandbox.Protocol;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>What a broker's listener does when asked ApiVersions v0.</summary>
internal enum ListenerHealth { Answering, Silent, Refused }

/// <summary>A minimal Kafka client: one ApiVersions v0 round trip, bounded in time.</summary>
internal static class KafkaProbe
{
    public static async Task<ListenerHealth> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, limit.Token);
        }
        catch (SocketException)
        {
            return ListenerHealth.Refused;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ListenerHealth.Silent;
        }
        var request = new KafkaWriter();
        new RequestHeader((short)ApiKey.ApiVersions, 0, 1, "kafka-sandbox-status").Write(request);
        try
        {
            await socket.SendAsync(request.ToFrame(), SocketFlags.None, limit.Token);
            var size = new byte[4];
            var read = 0;
            while (read < 4)
            {
                var n = await socket.ReceiveAsync(size.AsMemory(read), SocketFlags.None, limit.Token);
                if (n == 0)
                {
                    return ListenerHealth.Silent;
                }
                read += n;
            }
            return BinaryPrimitives.ReadInt32BigEndian(size) > 0 ? ListenerHealth.Answering : ListenerHealth.Silent;
        }
        catch (SocketException)
        {
            return ListenerHealth.Silent;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ListenerHealth.Silent;
        }
    }
}
