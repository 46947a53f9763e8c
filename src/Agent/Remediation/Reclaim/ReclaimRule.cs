using System.Globalization;

namespace KafkaAgent.Remediation.Reclaim;

/// <summary>
/// Tier 3's rule, pure: a partition directory may be deleted only when every OTHER replica of the partition is on a
/// broker registered in /brokers/ids and in the partition's ISR, so the data exists in sync elsewhere and this
/// broker fetches it back when it starts. Never the only copy: a partition with no other replica (replication
/// factor 1), one whose other replicas are unregistered or out of the ISR, one ZooKeeper does not know (a deleted
/// topic, an unreadable state), and never Kafka's internal topics (__consumer_offsets, __transaction_state): the
/// group and transaction coordinators load their state from the local copy when they take leadership, and a
/// re-replicating copy there turns a disk alert into consumer groups and transactions stalling.
/// Eligible directories are taken largest first until the wanted bytes are reached.
/// </summary>
internal static class ReclaimRule
{
    public static ReclaimSelection Select(IEnumerable<PartitionDirectory> directories, ReplicaView view, long bytesWanted)
    {
        var delete = new List<PartitionDirectory>();
        var refused = new List<RefusedPartition>();
        long freed = 0;
        foreach (var directory in directories.OrderByDescending(d => d.Bytes).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            if (Refusal(directory, view) is { } reason)
            {
                refused.Add(new RefusedPartition(directory, reason));
                continue;
            }

            if (freed < bytesWanted)
            {
                delete.Add(directory);
                freed += directory.Bytes;
            }
        }

        return new ReclaimSelection(delete, refused);
    }

    /// <summary>Why this directory must stay, or null when a copy is in sync elsewhere.</summary>
    public static string? Refusal(PartitionDirectory directory, ReplicaView view)
    {
        if (directory.Topic.StartsWith("__", StringComparison.Ordinal))
        {
            return "an internal topic: never reclaimed";
        }

        if (view.Find(directory.Topic, directory.Partition) is not { } replicas)
        {
            return "not assigned to this broker in ZooKeeper (unknown or deleted topic): kept";
        }

        var others = replicas.Replicas.Where(r => r != view.BrokerId).ToList();
        if (others.Count == 0)
        {
            return "the only copy (no replica on another broker)";
        }

        var unregistered = others.Where(r => !view.LiveBrokers.Contains(r)).ToList();
        if (unregistered.Count > 0)
        {
            return $"the replica on broker {Ids(unregistered)} is not registered in /brokers/ids";
        }

        var outOfSync = others.Where(r => !replicas.Isr.Contains(r)).ToList();
        if (outOfSync.Count > 0)
        {
            return $"the replica on broker {Ids(outOfSync)} is not in the ISR [{Ids(replicas.Isr)}]";
        }

        return null;
    }

    private static string Ids(IEnumerable<int> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
