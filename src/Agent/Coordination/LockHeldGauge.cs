using System.Diagnostics.Metrics;

namespace KafkaAgent.Coordination;

/// <summary>
/// kafka_agent_lock_held: 1 while this agent holds the cluster lock for disruptive actions. It drops to 0 on release
/// and as soon as the session owning the lock is known lost (a lock held by an expired session is not held).
/// </summary>
internal sealed class LockHeldGauge
{
    public const string Name = "kafka_agent_lock_held";
    private int _held;

    public LockHeldGauge(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meterFactory.Create(Telemetry.AgentMetrics.MeterName)
            .CreateObservableGauge(Name, () => Volatile.Read(ref _held) > 0 ? 1L : 0L, description: "1 while this agent holds the cluster lock for disruptive actions.");
    }

    internal void Acquired() => Interlocked.Increment(ref _held);

    internal void Released() => Interlocked.Decrement(ref _held);
}
