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

    /// <summary>
    /// One persistent, empty znode per broker whose agent ever published: the brokers the cluster expects, so a
    /// host whose broker and agent are both gone still shows. Delete it when a broker is decommissioned.
    /// </summary>
    public const string Known = Root + "/known";

    public static string KnownBroker(int brokerId) => Known + "/" + brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Host(int brokerId) => Hosts + "/" + brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
