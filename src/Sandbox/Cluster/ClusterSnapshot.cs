using KafkaAgent.Sandbox.Protocol;

namespace KafkaAgent.Sandbox.Cluster;

/// <summary>What the stand-in knows of the cluster: Kafka's metadata cache, read from ZooKeeper.</summary>
internal sealed record ClusterSnapshot(
    string? ClusterId,
    int ControllerId,
    IReadOnlyDictionary<int, BrokerRegistration> Brokers,
    IReadOnlyList<TopicState> Topics)
{
    public static readonly ClusterSnapshot Empty = new(null, -1, new Dictionary<int, BrokerRegistration>(), []);

    /// <summary>Each registered broker's epoch: the czxid of its /brokers/ids/&lt;id&gt; node (a new one per registration).</summary>
    public IReadOnlyDictionary<int, long> BrokerEpochs { get; init; } = new Dictionary<int, long>();
}

internal sealed record TopicState(string Name, KafkaUuid TopicId, IReadOnlyList<PartitionInfo> Partitions)
{
    /// <summary>Kafka's internal topics are flagged is_internal in Metadata.</summary>
    public bool IsInternal => Name is "__consumer_offsets" or "__transaction_state";
}

/// <summary>A partition: its assignment from /brokers/topics/&lt;t&gt; and its state znode (null when absent).</summary>
internal sealed record PartitionInfo(int Partition, IReadOnlyList<int> Replicas, PartitionState? State);

/// <summary>/brokers/topics/&lt;t&gt;/partitions/&lt;p&gt;/state.</summary>
internal sealed record PartitionState(int Leader, int LeaderEpoch, IReadOnlyList<int> Isr, int ControllerEpoch);
