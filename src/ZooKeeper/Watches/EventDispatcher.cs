using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.ZooKeeper.Watches;

/// <summary>
/// Runs watch callbacks and state-change handlers one at a time, in order, on a task of its own:
/// never on the socket reader, so a slow or throwing callback cannot stall I/O.
/// </summary>
internal sealed class EventDispatcher : IAsyncDisposable
{
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _loop;

    [ThreadStatic]
    private static bool _inCallback;

    public EventDispatcher(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Post(Action action) => _queue.Writer.TryWrite(action);

    public void Post(Action<WatchedEvent> watcher, WatchedEvent watchedEvent) => Post(() => watcher(watchedEvent));

    /// <summary>Delivers what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();

        // A callback that disposes the client would otherwise wait here for itself to return.
        if (!_inCallback)
        {
            await _loop;
        }
    }

    private async Task RunAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var action))
            {
                try
                {
                    _inCallback = true;
                    action();
                }
#pragma warning disable CA1031 // A caller's callback may throw anything; it must not stop later events.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Log.CallbackFailed(_logger, exception);
                }
                finally
                {
                    _inCallback = false;
                }
            }
        }
    }
}
