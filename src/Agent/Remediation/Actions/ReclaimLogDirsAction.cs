using System.Globalization;
using KafkaAgent.Configuration;
using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Remediation.Reclaim;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Remediation.Actions;

/// <summary>
/// reclaim_log_dirs, tier 3 (opt-in, disk.reclaim_replicated): the runbook's "delete logs in /var/kafka" made safe.
/// On disk.critical of a log dir that tiers 1 and 2 left critical: stop Kafka gracefully (no segment is ever deleted
/// under a running broker), read the replica view from ZooKeeper again with Kafka stopped, delete only partition
/// directories whose every other replica is registered and in the ISR (<see cref="ReclaimRule"/>), largest first until
/// the log dir is below the high mark, then start Kafka so it fetches them back from the leaders. A first look while
/// Kafka still runs refuses at no cost when nothing is eligible. Each deletion is one journal line.
/// </summary>
internal sealed class ReclaimLogDirsAction(
    IServiceManager services,
    string kafkaService,
    TimeSpan stopTimeout,
    IPartitionDirectories directories,
    IReplicaReader replicas,
    IFileSystemStats disk,
    DiskSettings thresholds,
    int brokerId,
    IReadOnlyList<string> logDirs,
    RemediationMetrics metrics,
    ILogger logger) : IRemediationAction
{
    public string Name => ActionNames.ReclaimLogDirs;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var logDir = action.Target;
        if (!logDirs.Contains(logDir, StringComparer.Ordinal))
        {
            return ActionResult.Failed($"{logDir} is not one of the configured log dirs ({string.Join(", ", logDirs)})");
        }

        FileSystemUsage usage;
        try
        {
            usage = disk.GetUsage(logDir);
        }
        catch (IOException ex)
        {
            return ActionResult.Failed(ex.Message);
        }

        if (usage.UsedRatio < thresholds.CriticalRatio)
        {
            return ActionResult.Ok($"{logDir} is below critical already ({Percent(usage.UsedRatio)}); nothing deleted");
        }

        var wanted = BytesAboveHigh(usage);
        ReclaimSelection first;
        try
        {
            (first, _) = await SelectAsync(logDir, wanted, cancellationToken);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            return ActionResult.Failed($"cannot tell what in {logDir} may be deleted: {ex.Message}", transient: ex is not FormatException);
        }

        if (first.Delete.Count == 0)
        {
            return ActionResult.Failed($"nothing in {logDir} may be deleted: {Refusals(first)}");
        }

        var stop = await services.StopAsync(kafkaService, stopTimeout, cancellationToken);
        if (!stop.Succeeded)
        {
            return ActionResult.Failed("stop: " + stop.Detail);
        }

        string outcome;
        bool deleted;
        try
        {
            (deleted, outcome) = await DeleteAsync(logDir, wanted, cancellationToken);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            (deleted, outcome) = (false, "nothing deleted: cannot tell what may be: " + ex.Message);
        }
        catch (OperationCanceledException)
        {
            // The stop removed the pidfile, so a Kafka left down here would read as an operator's stop: start it first.
            await services.StartAsync(kafkaService, CancellationToken.None);
            throw;
        }

        // Kafka goes back up whatever happened: it was stopped for this action alone, and it re-replicates what went.
        var start = await services.StartAsync(kafkaService, CancellationToken.None);
        return new ActionResult(deleted && start.Succeeded, $"stop: {stop.Detail}; {outcome}; start: {start.Detail}");
    }

    private async Task<(bool Succeeded, string Detail)> DeleteAsync(string logDir, long wanted, CancellationToken cancellationToken)
    {
        // With Kafka stopped the decision is taken again on what ZooKeeper says now: an ISR may have shrunk meanwhile.
        var (selection, view) = await SelectAsync(logDir, wanted, cancellationToken);
        foreach (var kept in selection.Refused)
        {
            Log.PartitionKept(logger, kept.Directory.Name, logDir, kept.Reason);
        }

        if (selection.Delete.Count == 0)
        {
            return (false, $"nothing deleted: {Refusals(selection)}");
        }

        long freed = 0, files = 0;
        var deleted = new List<string>();
        foreach (var partition in selection.Delete)
        {
            var result = directories.Delete(logDir, partition.Name, cancellationToken);
            freed += result.BytesFreed;
            files += result.FilesDeleted;
            metrics.Reclaimed(logDir, result.BytesFreed);
            if (result.Error is not null)
            {
                return (false, $"deleting {partition.Name} failed after {Plural(deleted.Count)} ({freed} bytes): {result.Error}");
            }

            deleted.Add(partition.Name);
            var others = view.Find(partition.Topic, partition.Partition)!.Replicas.Where(b => b != brokerId);
            Log.PartitionReclaimed(logger, partition.Name, logDir, result.BytesFreed,
                "in sync on broker " + string.Join(",", others.Select(b => b.ToString(CultureInfo.InvariantCulture))));
        }

        var kept2 = selection.Refused.Count == 0 ? "" : $"; kept {Plural(selection.Refused.Count)} (no other in-sync copy, or internal)";
        return (true, string.Create(CultureInfo.InvariantCulture,
            $"deleted {Plural(deleted.Count)} ({string.Join(", ", deleted)}; {files} files, {freed} bytes freed of {wanted} wanted){kept2}"));
    }

    private async Task<(ReclaimSelection Selection, ReplicaView View)> SelectAsync(string logDir, long wanted, CancellationToken cancellationToken)
    {
        var view = await replicas.ReadAsync(brokerId, cancellationToken);
        var partitions = directories.List(logDir, cancellationToken)
            .Select(e => PartitionDirectory.TryParse(e.Name, e.Bytes))
            .OfType<PartitionDirectory>();
        return (ReclaimRule.Select(partitions, view, wanted), view);
    }

    private static bool IsReadFailure(Exception ex) =>
        ex is IOException or ZooKeeper.ZooKeeperException or TimeoutException or FormatException;

    /// <summary>Bytes to delete for used / (used + available) to drop to the high mark.</summary>
    private long BytesAboveHigh(FileSystemUsage usage)
    {
        var size = (double)(usage.UsedBytes + usage.AvailableBytes);
        return Math.Max(0, (long)Math.Ceiling(usage.UsedBytes - (thresholds.HighRatio * size)));
    }

    private static string Refusals(ReclaimSelection selection) => selection.Refused.Count == 0
        ? "no partition directories"
        : string.Join("; ", selection.Refused.Take(5).Select(r => $"{r.Directory.Name}: {r.Reason}")) + (selection.Refused.Count > 5 ? $"; and {selection.Refused.Count - 5} more" : "");

    private static string Plural(int count) => count == 1 ? "1 partition" : $"{count.ToString(CultureInfo.InvariantCulture)} partitions";

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
