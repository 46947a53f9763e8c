namespace KafkaAgent.Remediation;

/// <summary>The action names: the <c>action</c> label of the metrics, the keys of state.json, the CLI's <c>reset ACTION</c>.</summary>
internal static class ActionNames
{
    public const string StartZooKeeper = "start_zookeeper";
    public const string RestartZooKeeper = "restart_zookeeper";
    public const string CleanAppLogs = "clean_app_logs";
    public const string PurgeZooKeeperData = "purge_zookeeper_data";
    public const string ReclaimLogDirs = "reclaim_log_dirs";
    public const string FixOwnership = "fix_ownership";
    public const string StartKafka = "start_kafka";
    public const string RestartKafka = "restart_kafka";

    /// <summary>In the runbook's order: ZooKeeper, disk, ownership, Kafka.</summary>
    public static readonly IReadOnlyList<string> All =
        [StartZooKeeper, RestartZooKeeper, CleanAppLogs, PurgeZooKeeperData, ReclaimLogDirs, FixOwnership, StartKafka, RestartKafka];

    /// <summary>Restarts of a running service and the deletion of partition copies: they pass the disruptive guard.</summary>
    public static bool IsDisruptive(string action) => action is RestartZooKeeper or RestartKafka or ReclaimLogDirs;

    /// <summary>
    /// Clean-ups whose repetition is the fix, not a loop: deleting rotated logs or old ZooKeeper snapshots and giving
    /// files back to kafka. Their budget counts only attempts that did not fix the finding, so a disk that fills again
    /// an hour later is cleaned again; starts and restarts count every attempt (a service that keeps dying is an operator's).
    /// </summary>
    public static bool BudgetCountsOnlyFailures(string action) => action is CleanAppLogs or PurgeZooKeeperData or FixOwnership;
}
