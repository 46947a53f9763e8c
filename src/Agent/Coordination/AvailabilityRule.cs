namespace KafkaAgent.Coordination;

/// <summary>
/// May this broker go down now without making a partition unavailable for acks=all producers? The rule Strimzi's
/// KafkaRoller applies before every broker roll, written from its documented behaviour: for every partition with
/// a replica on the broker, refuse when the ISR is already below min.insync.replicas with the broker still in it
/// (or the ISR is unknown), or sits exactly at it with the broker in the ISR (taking it down drops the partition
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

        // Already under: the broker must stay if it is one of the few replicas still in sync. A replica outside the
        // ISR serves nothing of the partition, so restarting it cannot take the partition lower, and for a broker
        // that is up but unregistered (a zombie) the restart is its only way back into the ISR: refusing it would
        // leave the partition under min ISR for good. Strimzi's roll of a healthy cluster refuses here too; a
        // healer must not. An empty ISR (no state yet) tells nothing, so it blocks.
        if (p.Isr.Count < p.MinIsr)
        {
            return p.Isr.Count == 0 || p.Isr.Contains(brokerId) ? BlockReason.UnderMinIsr : null;
        }

        return p.Isr.Count == p.MinIsr && p.Isr.Contains(brokerId) ? BlockReason.AtMinIsr : null;
    }
}
