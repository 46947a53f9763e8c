namespace KafkaAgent.Coordination;

/// <summary>What the controller-last rule decided.</summary>
internal enum ControllerOrderDecision
{
    /// <summary>Not the controller, nobody else waits, or the deferral ran out: go ahead (other guards still apply).</summary>
    Proceed,

    /// <summary>This broker is the controller and others need a restart: let them go first.</summary>
    Defer,
}

/// <summary>
/// When several brokers need a disruptive restart, the controller goes last: every controller move makes the new
/// controller reload the whole cluster state from ZooKeeper and resend it to every broker, so restarting the
/// controller first (and then, likely, the broker that just took over) multiplies that work and the window with
/// no controller. The deferral is bounded: a controller that waits for brokers which cannot restart (blocked by
/// min ISR because the controller itself is out of the ISR, say) proceeds after <paramref name="maxDefer"/>.
/// Pure; the inputs come from /controller and from who waits for a restart (lock queue, host reports).
/// </summary>
internal static class ControllerOrder
{
    public static readonly TimeSpan DefaultMaxDefer = TimeSpan.FromMinutes(5);

    /// <param name="controllerId">The broker in /controller; null when there is none (an election is under way).</param>
    /// <param name="othersNeedingRestart">Brokers that wait for, or hold, a disruptive restart.</param>
    /// <param name="deferredSince">When this broker first deferred for the current episode; null if it has not yet.</param>
    public static ControllerOrderDecision Decide(int brokerId, int? controllerId, IEnumerable<int> othersNeedingRestart, DateTimeOffset? deferredSince, DateTimeOffset now, TimeSpan maxDefer)
    {
        ArgumentNullException.ThrowIfNull(othersNeedingRestart);
        if (controllerId != brokerId || !othersNeedingRestart.Any(id => id != brokerId))
        {
            return ControllerOrderDecision.Proceed;
        }

        return deferredSince is { } since && now - since >= maxDefer ? ControllerOrderDecision.Proceed : ControllerOrderDecision.Defer;
    }

    /// <summary>Brokers (other than <paramref name="brokerId"/>) queued in the lock for a restart of Kafka.</summary>
    public static IReadOnlyList<int> WaitingForRestart(LockQueueView queue, int brokerId, string restartAction = "restart_kafka")
    {
        ArgumentNullException.ThrowIfNull(queue);
        return queue.Entries
            .Where(e => e.Owner is { } o && o.BrokerId != brokerId && o.Action == restartAction)
            .Select(e => e.Owner!.BrokerId)
            .Distinct()
            .ToList();
    }
}
