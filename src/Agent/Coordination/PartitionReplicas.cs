namespace KafkaAgent.Coordination;

/// <summary>One partition as the availability rule sees it.</summary>
/// <param name="Replicas">The assignment (/brokers/topics/&lt;t&gt;).</param>
/// <param name="Isr">The in-sync replicas (the partition's state node); empty when it has none yet.</param>
/// <param name="MinIsr">The topic's effective min.insync.replicas.</param>
internal sealed record PartitionReplicas(string Topic, int Partition, IReadOnlyList<int> Replicas, IReadOnlyList<int> Isr, int MinIsr)
{
    public override string ToString() => $"{Topic}-{Partition}";
}

/// <summary>Why a partition blocks a restart.</summary>
internal enum BlockReason
{
    /// <summary>The ISR is already below min.insync.replicas and this broker is a replica.</summary>
    UnderMinIsr,

    /// <summary>The ISR is exactly at min.insync.replicas and this broker is in it: a restart drops it below.</summary>
    AtMinIsr,
}

/// <summary>A partition that forbids taking this broker down now.</summary>
internal sealed record BlockingPartition(string Topic, int Partition, BlockReason Reason, int IsrSize, int MinIsr)
{
    public override string ToString() => $"{Topic}-{Partition} (isr {IsrSize}, min {MinIsr}{(Reason == BlockReason.UnderMinIsr ? ", already under" : "")})";
}
