namespace KafkaAgent.Diagnosis;

/// <summary>The runbook checks, in the order an operator walks them (and the order of the check table).</summary>
internal static class CheckNames
{
    public const string ZooKeeper = "zookeeper";
    public const string Membership = "membership";
    public const string Partitions = "partitions";
    public const string KafkaService = "kafka_service";
    public const string KafkaApi = "kafka_api";
    public const string Disk = "disk";
    public const string Ownership = "ownership";

    /// <summary>The agent's own remediation state: open circuits.</summary>
    public const string Agent = "agent";

    public static readonly IReadOnlyList<string> All = [ZooKeeper, Membership, Partitions, KafkaService, KafkaApi, Disk, Ownership];
}
