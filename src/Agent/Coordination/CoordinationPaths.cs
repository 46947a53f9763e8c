namespace KafkaAgent.Coordination;

/// <summary>
/// The agent's own znodes, under the cluster's chroot beside Kafka's (the client adds the chroot), so agents of
/// different clusters sharing one ensemble never see each other.
/// </summary>
internal static class CoordinationPaths
{
    public const string Root = "/kafka-agent";
    public const string Locks = Root + "/locks";

    /// <summary>The queue of the cluster-wide lock for disruptive actions.</summary>
    public const string DisruptiveLock = Locks + "/disruptive";

    /// <summary>One ephemeral znode per agent, named by broker id, holding its last report.</summary>
    public const string Hosts = Root + "/hosts";

    public static string Host(int brokerId) => Hosts + "/" + brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
