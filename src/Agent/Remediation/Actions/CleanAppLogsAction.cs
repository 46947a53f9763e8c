using System.Globalization;
using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>Tier 1 of disk.high/disk.critical: rotated Kafka and ZooKeeper application logs and heap dumps in Kafka's LOG_DIR, oldest first.</summary>
internal sealed class CleanAppLogsAction(IFileCleaner cleaner, string appLogDir) : IRemediationAction
{
    public string Name => ActionNames.CleanAppLogs;

    public Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken) =>
        Task.Run(() => Describe(cleaner.DeleteRotatedLogs(appLogDir, 0, cancellationToken), appLogDir), cancellationToken);

    internal static ActionResult Describe(CleanupResult r, string where)
    {
        var detail = string.Create(CultureInfo.InvariantCulture, $"{r.FilesDeleted} files, {r.BytesFreed} bytes freed in {where}");
        return r.Errors.Count == 0
            ? ActionResult.Ok(detail)
            : ActionResult.Failed($"{detail}; {r.Errors.Count} errors, first: {r.Errors[0]}");
    }
}
