using System.Collections.Concurrent;
using KafkaAgent.ZooKeeper.Requests;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>
/// Requests waiting to be written, in call order. It belongs to the client, not a connection:
/// what is queued while the client reconnects is written on the next connection.
/// </summary>
#pragma warning disable CA1001 // The semaphore has no wait handle to free; disposing it would only race late callers.
internal sealed class RequestQueue
#pragma warning restore CA1001
{
    private readonly ConcurrentQueue<Request> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _dequeueLock = new();
    private int _signaled;

    /// <summary>
    /// Queues a request without waking the writer loop: the caller then either writes it itself
    /// (<see cref="RequestWriter.TryWriteNow"/>) or calls <see cref="Signal"/>; a connection that
    /// starts later drains the queue first thing.
    /// </summary>
    public void Enqueue(Request request) => _queue.Enqueue(request);

    /// <summary>Wakes the writer loop; cheap when it is already awake (one release per wake-up, not per request).</summary>
    public void Signal()
    {
        if (Interlocked.Exchange(ref _signaled, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Called by the writer before draining, so a request enqueued after this wakes it again.</summary>
    public void BeginDrain() => Volatile.Write(ref _signaled, 0);

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public bool IsEmpty => _queue.IsEmpty;

    public bool TryDequeue(out Request request)
    {
        lock (_dequeueLock)
        {
            return _queue.TryDequeue(out request!);
        }
    }

    /// <summary>
    /// Fails and removes the queued requests whose deadline passed (and drops those whose caller gave
    /// up), so a long outage does not pile up requests. Deadlines grow in queue order: it stops at
    /// the first live one.
    /// </summary>
    public void FailOverdue(long now, Func<Request, Exception> error)
    {
        lock (_dequeueLock)
        {
            while (_queue.TryPeek(out var head) && (head.IsCompleted || head.Deadline <= now))
            {
                _queue.TryDequeue(out _);
                if (!head.IsCompleted)
                {
                    head.Fail(error(head));
                }
            }
        }
    }

    /// <summary>Fails and removes everything queued (session expired, client closed).</summary>
    public void FailAll(Func<Request, Exception> error)
    {
        while (_queue.TryDequeue(out var request))
        {
            request.Fail(error(request));
        }
    }
}
