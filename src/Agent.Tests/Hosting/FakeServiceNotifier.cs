using System.Threading.Channels;
using KafkaAgent.Hosting;

namespace KafkaAgent.Tests.Hosting;

/// <summary>Records what the worker tells the service manager, in order, as sd_notify assignments.</summary>
internal sealed class FakeServiceNotifier(TimeSpan? watchdogTimeout = null) : IServiceNotifier
{
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];

    public TimeSpan? WatchdogTimeout { get; } = watchdogTimeout;

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public int Pings => All.Count(e => e == "WATCHDOG=1");

    public void Status(string text) => Record("STATUS=" + text);

    public void Watchdog() => Record("WATCHDOG=1");

    /// <summary>The next event; fails the test if none comes within a few seconds of real time.</summary>
    public async Task<string> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _events.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Skips events until one starting with <paramref name="prefix"/>.</summary>
    public async Task<string> NextStartingWithAsync(string prefix)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.StartsWith(prefix, StringComparison.Ordinal))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// True when every recorded event has been read. Deterministic only once the code under test can emit nothing
    /// more (its task has completed): then no event can still be on its way.
    /// </summary>
    public bool IsDrained => !_events.Reader.TryPeek(out _);

    private void Record(string assignment)
    {
        lock (_all)
        {
            _all.Add(assignment);
        }
        _events.Writer.TryWrite(assignment);
    }
}
