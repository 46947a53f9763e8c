namespace KafkaAgent.Platform;

internal sealed record CleanupResult(long FilesDeleted, long BytesFreed, IReadOnlyList<string> Errors);

/// <summary>The runbook's disk relief, limited to what is safe to delete.</summary>
internal interface IFileCleaner
{
    /// <summary>
    /// Tier 1: rotated Kafka/ZooKeeper application logs and heap dumps in logDir, oldest first, never a live file;
    /// stops once bytesWanted are freed (0 = every candidate).
    /// </summary>
    CleanupResult DeleteRotatedLogs(string logDir, long bytesWanted, CancellationToken cancellationToken);

    /// <summary>Tier 2: ZooKeeper snapshots and txn logs beyond the newest `keep` (as zkCleanup.sh -n keep).</summary>
    CleanupResult PurgeZooKeeperData(string dataDir, string? dataLogDir, int keep, CancellationToken cancellationToken);
}
