namespace KafkaAgent.Remediation;

/// <summary>Why a wanted action did not run: one closed set, the <c>reason</c> label of kafka_agent_remediations_skipped_total.</summary>
internal enum SkipReason
{
    /// <summary>The finding has not held for the action's grace yet.</summary>
    Grace,

    /// <summary>Another broker's agent holds the cluster lock.</summary>
    Lock,

    /// <summary>A partition would drop below min.insync.replicas.</summary>
    MinIsr,

    /// <summary>The broker is in log recovery.</summary>
    Recovery,

    /// <summary>mode: observe (or disruptive actions held after an unreadable state file).</summary>
    Observe,

    /// <summary>The action's attempts in the window are used up; its circuit opens.</summary>
    Budget,

    /// <summary>An operator paused the agent.</summary>
    Paused,

    /// <summary>ZooKeeper quorum lost or several brokers missing at once: alert only.</summary>
    MassFailure,

    /// <summary>The action's circuit is open (until its cool-off or <c>kafka-agent reset</c>).</summary>
    CircuitOpen,

    /// <summary>What the action needs first (ZooKeeper answering, disk below critical, ownership clean) is not there.</summary>
    Dependency,

    /// <summary>The fault a disruptive action was planned for was gone when looked at again just before it would run.</summary>
    Cleared,
}

internal static class SkipReasons
{
    /// <summary>The label value: grace, lock, min_isr, recovery, observe, budget, paused, mass_failure, circuit_open, dependency, cleared.</summary>
    public static string Label(this SkipReason reason) => reason switch
    {
        SkipReason.Grace => "grace",
        SkipReason.Lock => "lock",
        SkipReason.MinIsr => "min_isr",
        SkipReason.Recovery => "recovery",
        SkipReason.Observe => "observe",
        SkipReason.Budget => "budget",
        SkipReason.Paused => "paused",
        SkipReason.MassFailure => "mass_failure",
        SkipReason.CircuitOpen => "circuit_open",
        SkipReason.Cleared => "cleared",
        _ => "dependency",
    };
}
