namespace KafkaAgent.Coordination;

/// <summary>
/// May this broker go down now without making a partition unavailable for acks=all producers? The rule Strimzi's
/// KafkaRoller applies before every broker roll, written from its documented behaviour: for every partition with
/// a replica on the broker, refuse when the ISR is already below min.insync.replicas (the broker's replica is
/// needed to catch up), or sits exactly at it with the broker in the ISR (taking it down drops the partition
/// below). A partition with no more replicas than min.insync.replicas can never satisfy the rule, so it never
/// blocks (it would block every restart forever; such topics trade availability for durability by design).
/// Pure: the facts come from <see cref="AvailabilityReader"/>.
/// </summary>
internal static class AvailabilityRule
{
    public const int DefaultNamed = 10;

    public static AvailabilityVerdict Evaluate(int brokerId, IEnumerable<PartitionReplicas> partitions, int maxNamed = DefaultNamed)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var named = new List<BlockingPartition>();
        var blocking = 0;
        var checkedCount = 0;
        foreach (var p in partitions)
        {
            if (!p.Replicas.Contains(brokerId))
            {
                continue;
            }

            checkedCount++;
            if (Block(brokerId, p) is { } reason)
            {
                blocking++;
                if (named.Count < maxNamed)
                {
                    named.Add(new BlockingPartition(p.Topic, p.Partition, reason, p.Isr.Count, p.MinIsr));
                }
            }
        }

        return new AvailabilityVerdict(brokerId, named, blocking, checkedCount);
    }

    private static BlockReason? Block(int brokerId, PartitionReplicas p)
    {
        if (p.Replicas.Count <= p.MinIsr)
        {
            return null;
        }

        if (p.Isr.Count < p.MinIsr)
        {
            return BlockReason.UnderMinIsr;
        }

        return p.Isr.Count == p.MinIsr && p.Isr.Contains(brokerId) ? BlockReason.AtMinIsr : null;
    }
}
