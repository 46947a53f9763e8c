namespace KafkaAgent.Platform;

/// <summary>
/// Stands in for <see cref="IOwnershipFixer"/> and <see cref="IFileCleaner"/> on a build that has no implementation
/// of them: every call fails with a result that says so, so the action is recorded as failed (and its circuit
/// opens) instead of pretending to have fixed anything.
/// </summary>
internal sealed class UnavailablePlatformActions : IOwnershipFixer, IFileCleaner
{
    public const string Detail = "not available on this build";

    public OwnershipFixResult Fix(string root, uint uid, uint gid, CancellationToken cancellationToken) =>
        new(0, 1, 0, [$"changing ownership under {root}: {Detail}"]);

    public CleanupResult DeleteRotatedLogs(string logDir, long bytesWanted, CancellationToken cancellationToken) =>
        new(0, 0, [$"cleaning {logDir}: {Detail}"]);

    public CleanupResult PurgeZooKeeperData(string dataDir, string? dataLogDir, int keep, CancellationToken cancellationToken) =>
        new(0, 0, [$"purging {dataDir}: {Detail}"]);
}
