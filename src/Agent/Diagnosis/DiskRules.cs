using System.Globalization;
using KafkaAgent.Configuration;
using KafkaAgent.Probes.Disk;

namespace KafkaAgent.Diagnosis;

/// <summary>The runbook's `df`: bytes and inodes of every log dir and of ZooKeeper's dataDir.</summary>
internal static class DiskRules
{
    public static (string Summary, List<Finding> Findings) Evaluate(DiskFacts d, DiskSettings thresholds)
    {
        var findings = new List<Finding>();
        foreach (var v in d.Volumes)
        {
            if (v.Error is not null)
            {
                findings.Add(Finding.Of(FindingIds.DiskUnreadable, Severity.Warning, $"cannot stat {v.Role} {v.Path}: {v.Error}", ("path", v.Path), ("role", v.Role)));
                continue;
            }

            var ratio = Math.Max(v.UsedRatio, v.InodesUsedRatio);
            var (id, severity, limit) = ratio >= thresholds.CriticalRatio ? (FindingIds.DiskCritical, Severity.Critical, thresholds.CriticalRatio)
                : ratio >= thresholds.HighRatio ? (FindingIds.DiskHigh, Severity.Warning, thresholds.HighRatio)
                : (null, Severity.Info, 0d);
            if (id is null)
            {
                continue;
            }

            var what = v.InodesUsedRatio > v.UsedRatio ? "inodes" : "space";
            findings.Add(Finding.Of(id, severity,
                $"{v.Role} {v.Path} is {Percent(ratio)} full ({what}; limit {Percent(limit)}), {Bytes(v.AvailableBytes)} free",
                ("path", v.Path), ("role", v.Role), ("used_ratio", Round(v.UsedRatio)), ("inodes_used_ratio", Round(v.InodesUsedRatio)),
                ("avail_bytes", v.AvailableBytes)));
        }

        var fullest = d.Volumes.Where(v => v.Error is null).MaxBy(v => Math.Max(v.UsedRatio, v.InodesUsedRatio));
        var summary = fullest is null
            ? $"{Plural.Of(d.Volumes.Count, "path")}, none readable"
            : $"{Plural.Of(d.Volumes.Count, "path")}, fullest {fullest.Path} {Percent(fullest.UsedRatio)} (inodes {Percent(fullest.InodesUsedRatio)})";
        return (summary, findings);
    }

    internal static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    internal static string Bytes(ulong bytes) => bytes switch
    {
        >= 1UL << 30 => (bytes / (double)(1UL << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
        >= 1UL << 20 => (bytes / (double)(1UL << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
    };

    private static double Round(double ratio) => Math.Round(ratio, 4);
}
