namespace KafkaAgent.Probes.Disk;

/// <summary>statvfs of one directory the broker host writes to. Ratios are 0..1 of what unprivileged users may use.</summary>
/// <param name="Role">log_dir or zookeeper_data.</param>
/// <param name="Error">Set when statvfs failed (missing directory, permission); the numbers are then 0.</param>
internal sealed record VolumeUsage(
    string Path,
    string Role,
    ulong TotalBytes,
    ulong AvailableBytes,
    double UsedRatio,
    ulong TotalInodes,
    ulong FreeInodes,
    double InodesUsedRatio,
    string? Error);

internal sealed record DiskFacts(IReadOnlyList<VolumeUsage> Volumes);
