namespace KafkaAgent.Probes.Ownership;

/// <summary>One log dir's ownership: entries not owned by the configured user and group, seen with lstat.</summary>
/// <param name="WrongCount">Files, directories and symlinks whose owner or group is wrong.</param>
/// <param name="WrongSamples">A few of them (bounded by ownership.sample_paths).</param>
/// <param name="ForeignSymlinks">Symlinks whose target resolves outside the log dir (never followed).</param>
/// <param name="Error">Set when the log dir itself could not be read.</param>
internal sealed record LogDirOwnership(
    string Path,
    long EntriesScanned,
    long WrongCount,
    IReadOnlyList<string> WrongSamples,
    long ForeignSymlinkCount,
    IReadOnlyList<string> ForeignSymlinkSamples,
    string? Error);

/// <param name="FullScan">True when every entry was visited in this pass; false for an incremental pass.</param>
/// <param name="PassCpu">CPU time this pass took on its thread (what the full-scan schedule budgets).</param>
internal sealed record OwnershipFacts(string User, string Group, IReadOnlyList<LogDirOwnership> LogDirs, bool FullScan, TimeSpan PassCpu = default);
