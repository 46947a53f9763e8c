namespace KafkaAgent.Platform;

/// <param name="Changed">Entries whose owner or group was changed.</param>
/// <param name="Failed">Entries that could not be changed (see <paramref name="Errors"/>, bounded).</param>
/// <param name="SkippedSymlinks">Symlinks pointing outside the root: reported, never changed, never followed.</param>
internal sealed record OwnershipFixResult(long Changed, long Failed, long SkippedSymlinks, IReadOnlyList<string> Errors);

/// <summary>The runbook's <c>chown -R kafka:kafka</c>, made safe.</summary>
internal interface IOwnershipFixer
{
    /// <summary>lchown every entry under root (root included) not owned by uid:gid; walks with directory handles.</summary>
    OwnershipFixResult Fix(string root, uint uid, uint gid, CancellationToken cancellationToken);
}
