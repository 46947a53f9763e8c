namespace KafkaAgent.Remediation.Reclaim;

/// <summary>A partition directory kept, and why (one line for the journal).</summary>
internal sealed record RefusedPartition(PartitionDirectory Directory, string Reason);

/// <summary>What tier 3 deletes (largest first) and what it refuses to touch.</summary>
/// <param name="Delete">In deletion order; their bytes reach the wanted amount, or every eligible one when they cannot.</param>
internal sealed record ReclaimSelection(IReadOnlyList<PartitionDirectory> Delete, IReadOnlyList<RefusedPartition> Refused)
{
    public long Bytes => Delete.Sum(d => d.Bytes);
}
