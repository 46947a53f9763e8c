namespace KafkaAgent.Platform;

internal sealed record OwnershipFixResult(long Changed, long Failed, long SkippedSymlinks, IReadOnlyList<string> Errors);

internal interface IOwnershipFixer
{
    /// lchown every entry under root (root included) not owned by uid:gid; walks with directory handles.
    OwnershipFixResult Fix(string root, uint uid, uint gid, CancellationToken cancellationToken);
}
