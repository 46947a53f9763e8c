namespace KafkaAgent.Diagnosis;

/// <summary>Every finding the agent can raise. Stable names: metrics labels, alerts and remediations use them.</summary>
internal static class FindingIds
{
    public const string ZooKeeperDown = "zk.down";
    public const string ZooKeeperHung = "zk.hung";
    public const string ZooKeeperNotServing = "zk.not_serving";
    public const string ZooKeeperStandaloneUnexpected = "zk.standalone_unexpected";
    public const string ZooKeeperFourLetterWordsDisabled = "zk.4lw_not_whitelisted";
    public const string ZooKeeperEnsembleUnreachable = "zk.ensemble_unreachable";
    public const string BrokerUnregistered = "broker.unregistered";
    public const string BrokerEndpointMismatch = "broker.endpoint_mismatch";
    public const string ClusterIsolated = "cluster.isolated";
    public const string ClusterBrokersMissing = "cluster.brokers_missing";
    public const string ClusterOfflinePartitions = "cluster.offline_partitions";
    public const string ClusterUnderReplicated = "cluster.under_replicated";
    public const string ClusterUnderMinIsr = "cluster.under_min_isr";
    public const string ClusterNoController = "cluster.no_controller";
    public const string KafkaDown = "kafka.down";
    public const string KafkaStoppedByOperator = "kafka.stopped_by_operator";
    public const string KafkaApiUnresponsive = "kafka.api_unresponsive";

    /// <summary>The listener refused the probe's TLS handshake or SASL login: kafka.security.* or the broker's certificate, not a hung broker.</summary>
    public const string KafkaApiAuthFailed = "kafka.api_auth_failed";
    public const string DiskHigh = "disk.high";
    public const string DiskCritical = "disk.critical";
    public const string DiskUnreadable = "disk.unreadable";
    public const string OwnershipWrong = "ownership.wrong";
    public const string OwnershipForeignSymlink = "ownership.foreign_symlink";
    public const string OwnershipUnreadable = "ownership.unreadable";
    public const string AgentCircuitOpen = "agent.circuit_open";

    public static readonly IReadOnlyList<string> All =
    [
        ZooKeeperDown, ZooKeeperHung, ZooKeeperNotServing, ZooKeeperStandaloneUnexpected, ZooKeeperFourLetterWordsDisabled,
        ZooKeeperEnsembleUnreachable, BrokerUnregistered, BrokerEndpointMismatch, ClusterIsolated, ClusterBrokersMissing,
        ClusterOfflinePartitions, ClusterUnderReplicated, ClusterUnderMinIsr, ClusterNoController,
        KafkaDown, KafkaStoppedByOperator, KafkaApiUnresponsive, KafkaApiAuthFailed, DiskHigh, DiskCritical, DiskUnreadable,
        OwnershipWrong, OwnershipForeignSymlink, OwnershipUnreadable, AgentCircuitOpen,
    ];

    /// <summary>
    /// "cluster" for a fault of the whole cluster, which every broker host sees alike (alert rules page once for it,
    /// not once per host); "host" for the rest.
    /// </summary>
    public static string ScopeOf(string id) => id.StartsWith("cluster.", StringComparison.Ordinal) ? "cluster" : "host";
}
