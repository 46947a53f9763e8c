using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>Tier 2 of disk.high/disk.critical: ZooKeeper snapshots and transaction logs beyond the newest three (as zkCleanup.sh -n 3).</summary>
internal sealed class PurgeZooKeeperDataAction(IFileCleaner cleaner, string? dataDir) : IRemediationAction
{
    /// <summary>ZooKeeper's own advice: never keep fewer than three snapshots.</summary>
    public const int Keep = 3;

    public string Name => ActionNames.PurgeZooKeeperData;

    public Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken) =>
        dataDir is null
            ? Task.FromResult(ActionResult.Failed("the local ZooKeeper config names no dataDir"))
            : Task.Run(() => CleanAppLogsAction.Describe(cleaner.PurgeZooKeeperData(dataDir, null, Keep, cancellationToken), dataDir), cancellationToken);
}
