using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Events;

/// <summary>The one <see cref="ICycleTrigger"/>: a set of pending requests and at most one waiting worker.</summary>
internal sealed class CycleTrigger : ICycleTrigger, IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly ILogger<CycleTrigger> logger;
    private readonly Histogram<double> latency;

    // Earliest timestamp per source since the last wake-up: a burst is measured from its first event.
    private readonly Dictionary<DetectionEvent, long> pending = [];
    private TaskCompletionSource? waiter;

    // Cancelled by the first request after the last take: a running cycle's observation listens to it.
    private CancellationTokenSource interrupt = new();
    private TaskCompletionSource cycleEnded = NewSource();

    public CycleTrigger(TimeProvider time, IMeterFactory meterFactory, ILogger<CycleTrigger> logger)
    {
        this.time = time;
        this.logger = logger;
        latency = DetectionMetrics.CreateLatencyHistogram(meterFactory);
    }

    public void Request(DetectionEvent source, long timestamp)
    {
        TaskCompletionSource? wake;
        CancellationTokenSource interrupted;
        lock (gate)
        {
            if (!pending.TryGetValue(source, out var first) || timestamp < first)
            {
                pending[source] = timestamp;
            }
            wake = waiter;
            waiter = null;
            interrupted = interrupt;
        }

        Log.CycleRequested(logger, source);
        // Completed outside the lock: the worker's continuation may run inline.
        wake?.TrySetResult();
        if (!interrupted.IsCancellationRequested)
        {
            // The observation's cancellation callbacks run on the pool, never on the event source's thread (a
            // ZooKeeper callback or a pidfd poller must not run probe code).
            _ = interrupted.CancelAsync();
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource ended;
        TaskCompletionSource mine;
        lock (gate)
        {
            ended = cycleEnded;
            cycleEnded = NewSource();
            mine = waiter = NewSource();
        }
        ended.TrySetResult();

        while (true)
        {
            if (TakePending())
            {
                return;
            }
            await using (cancellationToken.Register(() => mine.TrySetCanceled(cancellationToken)))
            {
                await mine.Task;
            }
            lock (gate)
            {
                mine = waiter ??= NewSource();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            interrupt.Dispose();
        }
    }

    public CancellationToken TakeForCycle()
    {
        TakePending();
        lock (gate)
        {
            return interrupt.Token;
        }
    }

    public Task WhenCycleEndedAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return cycleEnded.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Takes every pending request atomically; only a caller that got here without cancellation takes any.</summary>
    private bool TakePending()
    {
        KeyValuePair<DetectionEvent, long>[] taken;
        lock (gate)
        {
            if (pending.Count == 0)
            {
                return false;
            }
            taken = [.. pending];
            pending.Clear();
            waiter = null;
            // A fresh interrupt for the period after this take; the old one may still be linked into an observation
            // that is being abandoned, so it is left to the collector rather than disposed under it.
            if (interrupt.IsCancellationRequested)
            {
                interrupt = new CancellationTokenSource();
            }
        }

        var now = time.GetTimestamp();
        var sources = new DetectionEvent[taken.Length];
        for (var i = 0; i < taken.Length; i++)
        {
            var (source, at) = taken[i];
            sources[i] = source;
            var seconds = time.GetElapsedTime(at, now).TotalSeconds;
            latency.Record(Math.Max(0, seconds), new KeyValuePair<string, object?>("event", source.Label()));
        }
        Log.Woken(logger, sources);
        return true;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
