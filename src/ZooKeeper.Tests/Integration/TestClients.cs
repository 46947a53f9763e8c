using KafkaAgent.TestBed;
using KafkaAgent.ZooKeeper.Tests.Support;
using Xunit.Abstractions;

namespace KafkaAgent.ZooKeeper.Tests.Integration;

/// <summary>Clients with short timeouts for tests against the real server, and small waiting helpers.</summary>
internal static class TestClients
{
    public static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    public static Task<ZooKeeperClient> ConnectAsync(string connectionString, Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null, ITestOutputHelper? output = null)
    {
        var options = new ZooKeeperClientOptions
        {
            LoggerFactory = output is null ? null : new TestOutputLoggerFactory(output),
            ConnectionString = connectionString,
            SessionTimeout = TimeSpan.FromSeconds(4),
            ConnectTimeout = TimeSpan.FromSeconds(20),
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        return ZooKeeperClient.ConnectAsync(configure is null ? options : configure(options));
    }

    /// <summary>A client that tries <paramref name="first"/> before the other members (no shuffling).</summary>
    public static Task<ZooKeeperClient> ConnectFirstToAsync(ZooKeeperEnsemble ensemble, ZooKeeperServer first, ITestOutputHelper? output = null)
    {
        var order = ensemble.Servers.Where(s => s != first).Prepend(first).Select(s => s.Endpoint);
        return ConnectAsync(string.Join(',', order), o => o with { ShuffleHosts = false }, output);
    }

    /// <summary>A fresh root for one test, so tests sharing a server never see each other's nodes.</summary>
    public static string UniqueRoot(string name) => $"/{name}-{Guid.NewGuid():N}";

    /// <summary>Waits until the client reports the state (its StateChanged events are delivered in order).</summary>
    public static async Task WaitForStateAsync(ZooKeeperClient client, ZooKeeperState state, TimeSpan? timeout = null)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, ZooKeeperState changed)
        {
            if (changed == state)
            {
                reached.TrySetResult();
            }
        }

        client.StateChanged += OnChanged;
        try
        {
            if (client.State != state)
            {
                await reached.Task.WaitAsync(timeout ?? EventTimeout);
            }
        }
        finally
        {
            client.StateChanged -= OnChanged;
        }
    }

    /// <summary>Collects watch events; <see cref="Next"/> waits for the next one.</summary>
    public sealed class EventSink
    {
        private readonly System.Threading.Channels.Channel<WatchedEvent> _events = System.Threading.Channels.Channel.CreateUnbounded<WatchedEvent>();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Watch(WatchedEvent watchedEvent)
        {
            Interlocked.Increment(ref _count);
            _events.Writer.TryWrite(watchedEvent);
        }

        public async Task<WatchedEvent> Next() => await _events.Reader.ReadAsync().AsTask().WaitAsync(EventTimeout);

        public bool TryNext(out WatchedEvent? watchedEvent) => _events.Reader.TryRead(out watchedEvent);
    }
}
