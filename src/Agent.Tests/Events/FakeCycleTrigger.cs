using KafkaAgent.Events;

namespace KafkaAgent.Tests.Events;

/// <summary>Records requests; a test ends "cycles" by hand.</summary>
internal sealed class FakeCycleTrigger : ICycleTrigger
{
    private readonly Lock _gate = new();
    private readonly List<DetectionEvent> _requests = [];
    private TaskCompletionSource _cycleEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<DetectionEvent> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Request(DetectionEvent source, long timestamp)
    {
        TaskCompletionSource wake;
        lock (_gate)
        {
            _requests.Add(source);
            wake = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        wake.TrySetResult();
    }

    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public CancellationToken TakeForCycle() => CancellationToken.None;

    public Task WhenCycleEndedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _cycleEnded.Task.WaitAsync(cancellationToken);
        }
    }

    public void EndCycle()
    {
        TaskCompletionSource ended;
        lock (_gate)
        {
            ended = _cycleEnded;
            _cycleEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        ended.TrySetResult();
    }

    /// <summary>Waits (bounded, real time: integration tests) until a request of this kind arrived.</summary>
    public async Task WaitForAsync(DetectionEvent source, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_requests.Contains(source))
                {
                    return;
                }
                next = _changed.Task;
            }
            try
            {
                await next.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {source} request within {timeout}; got [{string.Join(", ", Requests)}]");
            }
        }
    }
}
