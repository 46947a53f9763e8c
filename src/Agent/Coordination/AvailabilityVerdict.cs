namespace KafkaAgent.Coordination;

/// <summary>The availability rule's answer for one broker.</summary>
/// <param name="Blocking">The first blocking partitions, at most the bound the rule was given.</param>
/// <param name="BlockingCount">Every blocking partition, counted.</param>
/// <param name="PartitionsChecked">Partitions with a replica on the broker.</param>
internal sealed record AvailabilityVerdict(int BrokerId, IReadOnlyList<BlockingPartition> Blocking, int BlockingCount, int PartitionsChecked)
{
    public bool CanRestart => BlockingCount == 0;

    /// <summary>One line for the skip record and the journal: which partitions, bounded, and how many in all.</summary>
    public string Describe()
    {
        if (CanRestart)
        {
            return $"broker {BrokerId} may go down: none of its {PartitionsChecked} partitions would drop below min.insync.replicas";
        }

        var more = BlockingCount > Blocking.Count ? $" and {BlockingCount - Blocking.Count} more" : "";
        return $"broker {BrokerId} must stay up: {BlockingCount} partition(s) would be under min.insync.replicas without it: {string.Join(", ", Blocking)}{more}";
    }
}
