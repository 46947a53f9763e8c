namespace KafkaAgent.Coordination;

/// <summary>What the mass-failure rule looks at, read through the ensemble and the agents' host reports.</summary>
/// <param name="QuorumReachable">A session through the ensemble answered (false: no quorum reachable from here).</param>
/// <param name="ExpectedBrokers">Brokers the cluster should have (0: unknown, the broker count is not judged).</param>
/// <param name="RegisteredBrokers">Ids in /brokers/ids.</param>
/// <param name="ReportingAgents">Broker ids whose agent publishes a host report (its host is up).</param>
/// <param name="ZooKeeperMembers">Members in the ensemble's config (0: unknown).</param>
/// <param name="ZooKeeperMembersDown">Members that did not answer.</param>
internal sealed record ClusterHealthFacts(
    bool QuorumReachable,
    int ExpectedBrokers,
    IReadOnlyCollection<int> RegisteredBrokers,
    IReadOnlyCollection<int> ReportingAgents,
    int ZooKeeperMembers,
    int ZooKeeperMembersDown);

/// <summary>The rule's answer; <see cref="Reason"/> names what was seen when it is a mass failure.</summary>
internal sealed record MassFailureVerdict(bool IsMassFailure, string Reason, int LostBrokers, int Threshold);

/// <summary>
/// Stops disruptive actions when the cluster as a whole is failing, where one more restart can only make it worse
/// and the cause is rarely on this host (Cruise Control refuses self-healing beyond a number of failed brokers for
/// the same reason). Mass failure: the ZooKeeper quorum is lost; or two or more ZooKeeper members are down (one
/// more loss ends the quorum of a 3- or 5-member ensemble); or more than the threshold of brokers are lost.
/// </summary>
/// <remarks>
/// A lost broker is one missing from /brokers/ids whose agent is silent too (no host report): its host, or its
/// network, is gone. A broker that is unregistered while its agent reports (a zombie after a session expiry, a
/// crashed process on a live host) is a local fault its own agent heals, one broker at a time under the cluster
/// lock and the availability rule; counting those would leave a cluster whose brokers all lost their sessions at
/// once (a ZooKeeper hiccup) without any way back but a human.
/// </remarks>
internal static class MassFailureRule
{
    /// <summary>The default threshold: more than a third of the expected brokers lost is a mass failure.</summary>
    public static int DefaultThreshold(int expectedBrokers) => expectedBrokers / 3;

    /// <param name="maxLostBrokers">heal.mass_failure_brokers: more lost brokers than this is a mass failure; null: a third of expected.</param>
    public static MassFailureVerdict Evaluate(ClusterHealthFacts facts, int? maxLostBrokers)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var threshold = maxLostBrokers ?? DefaultThreshold(facts.ExpectedBrokers);
        var lost = facts.ExpectedBrokers <= 0
            ? 0
            : Math.Max(0, facts.ExpectedBrokers - facts.RegisteredBrokers.Count - Zombies(facts));
        if (!facts.QuorumReachable)
        {
            return new MassFailureVerdict(true, "ZooKeeper quorum lost: no session through the ensemble", lost, threshold);
        }

        if (facts.ZooKeeperMembersDown >= 2)
        {
            return new MassFailureVerdict(true, $"{facts.ZooKeeperMembersDown} of {facts.ZooKeeperMembers} ZooKeeper members down", lost, threshold);
        }

        if (facts.ExpectedBrokers > 0 && lost > threshold)
        {
            return new MassFailureVerdict(true, $"{lost} of {facts.ExpectedBrokers} brokers lost (unregistered, agent silent); more than {threshold} is a mass failure", lost, threshold);
        }

        return new MassFailureVerdict(false, "no mass failure", lost, threshold);
    }

    /// <summary>Unregistered brokers whose agent still reports: local faults, not lost hosts.</summary>
    private static int Zombies(ClusterHealthFacts facts) => facts.ReportingAgents.Count(id => !facts.RegisteredBrokers.Contains(id));
}
