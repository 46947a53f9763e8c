using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Events;

/// <summary>The one <see cref="ICycleTrigger"/>: a set of pending requests and at most one waiting worker.</summary>
internal sealed class CycleTrigger : ICycleTrigger, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger<CycleTrigger> _logger;
    private readonly Histogram<double> _latency;

    // Earliest timestamp per source since the last wake-up: a burst is measured from its first event.
    private readonly Dictionary<DetectionEvent, long> _pending = [];
    private TaskCompletionSource? _waiter;

    // Cancelled by the first request after the last take: a running cycle's observation listens to it.
    private CancellationTokenSource _interrupt = new();
    private TaskCompletionSource _cycleEnded = NewSource();

    public CycleTrigger(TimeProvider time, IMeterFactory meterFactory, ILogger<CycleTrigger> logger)
    {
        this._time = time;
        this._logger = logger;
        _latency = DetectionMetrics.CreateLatencyHistogram(meterFactory);
    }

    public void Request(DetectionEvent source, long timestamp)
    {
        TaskCompletionSource? wake;
        CancellationTokenSource interrupted;
        lock (_gate)
        {
            if (!_pending.TryGetValue(source, out var first) || timestamp < first)
            {
                _pending[source] = timestamp;
            }
            wake = _waiter;
            _waiter = null;
            interrupted = _interrupt;
        }

        Log.CycleRequested(_logger, source);
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
        lock (_gate)
        {
            ended = _cycleEnded;
            _cycleEnded = NewSource();
            mine = _waiter = NewSource();
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
            lock (_gate)
            {
                mine = _waiter ??= NewSource();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _interrupt.Dispose();
        }
    }

    public CancellationToken TakeForCycle()
    {
        TakePending();
        lock (_gate)
        {
            return _interrupt.Token;
        }
    }

    public Task WhenCycleEndedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _cycleEnded.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Takes every pending request atomically; only a caller that got here without cancellation takes any.</summary>
    private bool TakePending()
    {
        KeyValuePair<DetectionEvent, long>[] taken;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return false;
            }
            taken = [.. _pending];
            _pending.Clear();
            _waiter = null;
            // A fresh interrupt for the period after this take; the old one may still be linked into an observation
            // that is being abandoned, so it is left to the collector rather than disposed under it.
            if (_interrupt.IsCancellationRequested)
            {
                _interrupt = new CancellationTokenSource();
            }
        }

        var now = _time.GetTimestamp();
        var sources = new DetectionEvent[taken.Length];
        for (var i = 0; i < taken.Length; i++)
        {
            var (source, at) = taken[i];
            sources[i] = source;
            var seconds = _time.GetElapsedTime(at, now).TotalSeconds;
            _latency.Record(Math.Max(0, seconds), new KeyValuePair<string, object?>("event", source.Label()));
        }
        Log.Woken(_logger, sources);
        return true;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
