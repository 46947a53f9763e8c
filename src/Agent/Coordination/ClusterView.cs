namespace KafkaAgent.Coordination;

/// <summary>One broker of the cluster as `kafka-agent cluster` shows it.</summary>
/// <param name="Registered">In /brokers/ids.</param>
/// <param name="AgentUp">Its agent's host report exists (the znode is ephemeral: it goes with the agent).</param>
/// <param name="Report">The report; null when the agent is down or its report unreadable.</param>
internal sealed record ClusterBroker(int BrokerId, bool Registered, bool AgentUp, bool Controller, HostReport? Report);

/// <summary>The lock as `cluster` shows it.</summary>
/// <param name="Holder">Null when nobody holds it.</param>
internal sealed record ClusterLockState(LockOwner? Holder, long HolderSession, long HolderSinceMs, IReadOnlyList<LockOwner> Waiting);

/// <summary>Every broker's row, the controller, the lock, and how many expected brokers were not seen at all.</summary>
internal sealed record ClusterView(
    IReadOnlyList<ClusterBroker> Brokers,
    int? ControllerId,
    ClusterLockState Lock,
    int ExpectedBrokers,
    int UnseenExpectedBrokers);
