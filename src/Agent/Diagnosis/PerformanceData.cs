using KafkaAgent.Configuration;
using KafkaAgent.Probes;

namespace KafkaAgent.Diagnosis;

/// <summary>The numbers a Nagios/Icinga check graphs: ZooKeeper's latency and queue, brokers, disk, ownership.</summary>
internal static class PerformanceData
{
    public static IReadOnlyList<PerfValue> From(Observation o, DiskSettings disk)
    {
        var values = new List<PerfValue>();
        if (o.ZooKeeper.Facts?.Stats is { } zk)
        {
            values.Add(new("zk_latency", zk.AverageLatencyMs, "ms", Min: 0));
            values.Add(new("zk_outstanding_requests", zk.OutstandingRequests, Min: 0));
        }

        if (o.Membership.Facts is { Reachable: true } members)
        {
            values.Add(new("brokers_registered", members.RegisteredIds.Count, Min: 0));
            if (members.Partitions is { Detail: null } partitions)
            {
                values.Add(new("partitions_offline", partitions.Offline.Count(), Crit: 0, Min: 0));
                values.Add(new("partitions_under_min_isr", partitions.UnderMinIsr.Count(), Crit: 0, Min: 0));
                values.Add(new("partitions_under_replicated", partitions.UnderReplicated.Count(), Warn: 0, Min: 0));
            }
        }

        var volumes = o.Disk.Facts?.Volumes.Where(v => v.Error is null && v.Role == "log_dir").ToList() ?? [];
        if (volumes.Count > 0)
        {
            // The worst log dir is what the thresholds act on; each dir gets its own series only when there are several.
            values.Add(DiskUsed("disk_used", volumes.Max(v => v.UsedRatio), disk));
            if (volumes.Count > 1)
            {
                values.AddRange(volumes.Select(v => DiskUsed("disk_used " + v.Path, v.UsedRatio, disk)));
            }
        }

        if (o.Ownership.Facts is { } owners)
        {
            values.Add(new("ownership_wrong", owners.LogDirs.Sum(d => d.WrongCount), Min: 0));
        }

        if (o.KafkaApi.Facts is { MetadataAnswered: true })
        {
            values.Add(new("kafka_api_time", o.KafkaApi.Duration.TotalSeconds, "s", Min: 0));
        }

        return values;
    }

    /// <summary>" | a=1;;;0 b=2ms;;;0": what follows the status text on a Nagios line; empty when there is nothing.</summary>
    public static string Suffix(IReadOnlyList<PerfValue> values) =>
        values.Count == 0 ? "" : " | " + string.Join(' ', values);

    private static PerfValue DiskUsed(string label, double ratio, DiskSettings disk) =>
        new(label, ratio * 100, "%", disk.HighRatio * 100, disk.CriticalRatio * 100, 0, 100);
}
