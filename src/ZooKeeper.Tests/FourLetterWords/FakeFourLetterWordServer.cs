using System.Net;
using System.Net.Sockets;

namespace KafkaAgent.ZooKeeper.Tests.FourLetterWords;

/// <summary>A loopback listener that misbehaves on purpose: answers huge, closes silently, or never answers.</summary>
internal sealed class FakeFourLetterWordServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Socket> held = [];
    private readonly Task loop;

    public FakeFourLetterWordServer(Func<Socket, Task<bool>> handle)
    {
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (await handle(socket))
                {
                    socket.Dispose();
                }
                else
                {
                    held.Add(socket);
                }
            }
        });
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        held.ForEach(socket => socket.Dispose());
        stop.Dispose();
    }
}
