namespace KafkaAgent.Events;

/// <summary>
/// Lets event sources (process exit, registration, session, disk) run the next cycle now instead of at the end
/// of the interval. Polling stays the backstop: a lost or missed event costs at most one interval.
/// </summary>
/// <remarks>
/// Requests coalesce: however many arrive before the worker next waits, they are one wake-up, and the worker
/// runs one cycle at a time by construction (it only ever waits while no cycle runs).
/// </remarks>
internal interface ICycleTrigger
{
    /// <summary>Asks for a cycle now. Never blocks; safe from any thread, including ZooKeeper callbacks.</summary>
    /// <param name="timestamp">When the event happened, from <see cref="TimeProvider.GetTimestamp"/> of the same
    /// provider (for example right after poll returned); the latency histogram measures from it.</param>
    void Request(DetectionEvent source, long timestamp);

    /// <summary>
    /// The worker's idle wait: completes when a request is pending (at once when one already is) and takes every
    /// pending request, recording each one's detection latency. Cancelled, it takes nothing.
    /// </summary>
    /// <remarks>The worker calls it once per idle period, that is once after every cycle; that call also completes
    /// <see cref="WhenCycleEndedAsync"/>.</remarks>
    Task WaitAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A running cycle takes every pending request before it observes (recording each one's detection latency: the
    /// observation about to start is the moment the agent knows) and gets a token that is cancelled by the next
    /// request: an event during the observation makes the cycle observe again at once instead of finishing on a
    /// picture the event already made stale and leaving the event to the cycle after.
    /// </summary>
    CancellationToken TakeForCycle();

    /// <summary>Completes when the next cycle has ended: sources re-resolve what they watch (a restarted service has a new pid).</summary>
    Task WhenCycleEndedAsync(CancellationToken cancellationToken);
}
