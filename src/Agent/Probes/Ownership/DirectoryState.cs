namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// What one scan of one directory found among its own entries (files, symlinks, itself; not its
/// subdirectories' contents). Kept between passes so an incremental pass only re-reads directories whose
/// mtime or ctime moved: creating, deleting or renaming an entry moves the mtime, a chown of the directory
/// itself (as chown -R does) moves its ctime.
/// </summary>
internal sealed record DirectoryState(
    long ModifyTicks,
    long ChangeTicks,
    int Entries,
    int Wrong,
    IReadOnlyList<string> WrongSamples,
    int ForeignSymlinks,
    IReadOnlyList<string> ForeignSymlinkSamples);
