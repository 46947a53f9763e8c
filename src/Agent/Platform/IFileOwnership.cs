namespace KafkaAgent.Platform;

/// <summary>The account that must own a file: Kafka's user and group (the runbook's <c>chown kafka:kafka</c>).</summary>
internal sealed record FileOwner(string User, string Group);

/// <summary>What fixing one path did.</summary>
internal enum OwnershipFix
{
    AlreadyCorrect,
    Fixed,

    /// <summary>The path is a symlink or reparse point: never followed, never changed.</summary>
    SkippedLink,
}

/// <summary>
/// The ownership-fixing seam, one path at a time: lchown on Linux, the NTFS owner plus an inheritable
/// full-control entry on Windows. Implementations never follow a symlink or reparse point.
/// </summary>
internal interface IFileOwnership
{
    OwnershipFix Fix(string path, FileOwner owner);
}
