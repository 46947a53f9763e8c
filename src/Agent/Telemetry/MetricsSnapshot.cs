using KafkaAgent.Diagnosis;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;

namespace KafkaAgent.Telemetry;

/// <summary>The gauge values of the last cycle, swapped in whole so a scrape never sees half a cycle.</summary>
internal sealed record MetricsSnapshot(
    IReadOnlyDictionary<string, CycleStatus> CheckStatus,
    IReadOnlyDictionary<string, double> CheckDurationSeconds,
    IReadOnlySet<string> ActiveFindings,
    int? ZooKeeperUp,
    int? BrokersRegistered,
    int? BrokerRegistered,
    int? BrokersExpected,
    IReadOnlyList<(string Path, string Kind, double AvailBytes, double UsedRatio, double InodesUsedRatio)> Volumes,
    IReadOnlyList<(string Path, long Wrong, long ForeignSymlinks, long Entries)> LogDirOwnership,
    double CycleDurationSeconds,
    double FinishedUnixSeconds,
    int? PartitionsOffline,
    int? PartitionsUnderReplicated,
    int? PartitionsUnderMinIsr,
    double? ZooKeeperAvgLatencySeconds,
    long? ZooKeeperOutstanding,
    long? ZooKeeperSyncedFollowers)
{
    public static MetricsSnapshot From(Observation o, DiagnosisReport report, TimeSpan cycle, DateTimeOffset finished)
    {
        var zk = o.ZooKeeper.Facts;
        var members = o.Membership.Facts;
        // Unknown partition health exports no value rather than a reassuring 0.
        var partitions = members is { Reachable: true, Partitions: { Detail: null } p } ? p : null;
        return new MetricsSnapshot(
            report.Checks.ToDictionary(c => c.Check, c => c.Status),
            report.Checks.ToDictionary(c => c.Check, c => c.Duration.TotalSeconds),
            report.Findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal),
            zk is null ? null : zk.Serving ? 1 : 0,
            members is { Reachable: true } ? members.RegisteredIds.Count : null,
            members is { Reachable: true } ? (members.Own is null ? 0 : 1) : null,
            members?.ExpectedBrokers,
            o.Disk.Facts?.Volumes.Where(v => v.Error is null).Select(v => (v.Path, VolumeKind(v.Role), (double)v.AvailableBytes, v.UsedRatio, v.InodesUsedRatio)).ToList() ?? [],
            o.Ownership.Facts?.LogDirs.Where(d => d.Error is null).Select(d => (d.Path, d.WrongCount, d.ForeignSymlinkCount, d.EntriesScanned)).ToList() ?? [],
            cycle.TotalSeconds,
            finished.ToUnixTimeMilliseconds() / 1000.0,
            partitions?.Offline.Count(),
            partitions?.UnderReplicated.Count(),
            partitions?.UnderMinIsr.Count(),
            zk?.Stats is { } stats ? stats.AverageLatencyMs / 1000.0 : null,
            zk?.Stats?.OutstandingRequests,
            zk?.Stats?.SyncedFollowers);
    }

    /// <summary>
    /// The <c>kind</c> label of the volume gauges: a ZooKeeper dataDir is measured beside the log dirs (a full
    /// disk stops both) but is no Kafka log dir, and a query over Kafka's storage must be able to leave it out.
    /// </summary>
    public static string VolumeKind(string role) => role == DiskRoles.ZooKeeperData ? "zookeeper" : "kafka";
}
