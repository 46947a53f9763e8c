using System.Globalization;
using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>ownership.wrong under a log dir: lchown every wrong entry to the Kafka user and group, never following a symlink.</summary>
internal sealed class FixOwnershipAction(IOwnershipFixer fixer, IReadOnlyList<string> logDirs, uint uid, uint gid) : IRemediationAction
{
    public string Name => ActionNames.FixOwnership;

    public Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        // Only a configured log dir, never a path taken from elsewhere.
        if (!logDirs.Contains(action.Target, StringComparer.Ordinal))
        {
            return Task.FromResult(ActionResult.Failed($"{action.Target} is not a configured log dir; not touched"));
        }

        return Task.Run(() => Describe(fixer.Fix(action.Target, uid, gid, cancellationToken), action.Target), cancellationToken);
    }

    private static ActionResult Describe(OwnershipFixResult r, string root)
    {
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{r.Changed} entries under {root} changed, {r.Failed} failed, {r.SkippedSymlinks} symlinks left alone");
        return r.Failed == 0 && r.Errors.Count == 0
            ? ActionResult.Ok(detail)
            : ActionResult.Failed(r.Errors.Count > 0 ? $"{detail}; first error: {r.Errors[0]}" : detail);
    }
}
