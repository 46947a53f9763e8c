using System.Net;
using System.Net.Sockets;

namespace KafkaAgent.ZooKeeper.Tests.FourLetterWords;

/// <summary>A loopback listener that misbehaves on purpose: answers huge, closes silently, or never answers.</summary>
internal sealed class FakeFourLetterWordServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private readonly Task _loop;

    public FakeFourLetterWordServer(Func<Socket, Task<bool>> handle)
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(_stop.Token);
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
                    _held.Add(socket);
                }
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>
    /// Replies as ZooKeeper does: reads the word first, then writes and closes. Closing with the word still
    /// unread would make the kernel send a reset, which can destroy the answer before the client reads it.
    /// </summary>
    public static Func<Socket, Task<bool>> Answering(byte[] answer) => async socket =>
    {
        var word = new byte[4];
        for (var read = 0; read < word.Length;)
        {
            var n = await socket.ReceiveAsync(word.AsMemory(read), SocketFlags.None);
            if (n == 0)
            {
                return true;
            }

            read += n;
        }

        await socket.SendAsync(answer, SocketFlags.None);
        return true;
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _held.ForEach(socket => socket.Dispose());
        _stop.Dispose();
    }
}
