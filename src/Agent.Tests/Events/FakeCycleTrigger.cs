using KafkaAgent.Events;

namespace KafkaAgent.Tests.Events;

/// <summary>Records requests; a test ends "cycles" by hand.</summary>
internal sealed class FakeCycleTrigger : ICycleTrigger
{
    private readonly Lock gate = new();
    private readonly List<DetectionEvent> requests = [];
    private TaskCompletionSource cycleEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<DetectionEvent> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public void Request(DetectionEvent source, long timestamp)
    {
        TaskCompletionSource wake;
        lock (gate)
        {
            requests.Add(source);
            wake = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        wake.TrySetResult();
    }

    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);

    public CancellationToken TakeForCycle() => CancellationToken.None;

    public Task WhenCycleEndedAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return cycleEnded.Task.WaitAsync(cancellationToken);
        }
    }

    public void EndCycle()
    {
        TaskCompletionSource ended;
        lock (gate)
        {
            ended = cycleEnded;
            cycleEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
            lock (gate)
            {
                if (requests.Contains(source))
                {
                    return;
                }
                next = changed.Task;
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
