using KafkaAgent.Coordination;

namespace KafkaAgent.Remediation.Reclaim;

/// <summary>
/// What ZooKeeper says about the copies of this broker's partitions: the assignment and ISR of each
/// (<c>/brokers/topics/&lt;t&gt;</c>, <c>/brokers/topics/&lt;t&gt;/partitions/&lt;p&gt;/state</c>) and the brokers
/// registered in <c>/brokers/ids</c>.
/// </summary>
internal sealed record ReplicaView(int BrokerId, IReadOnlyList<PartitionReplicas> Partitions, IReadOnlySet<int> LiveBrokers)
{
    public PartitionReplicas? Find(string topic, int partition) =>
        Partitions.FirstOrDefault(p => p.Partition == partition && string.Equals(p.Topic, topic, StringComparison.Ordinal));
}
