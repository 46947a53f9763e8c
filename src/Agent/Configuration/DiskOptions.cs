using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>Used ratios (0..1, of bytes or of inodes, whichever is higher) that raise disk findings.</summary>
internal sealed class DiskOptions
{
    [ConfigurationKeyName("high_ratio")]
    public double HighRatio { get; set; } = 0.85;

    [ConfigurationKeyName("critical_ratio")]
    public double CriticalRatio { get; set; } = 0.95;

    /// <summary>Tier 3, reclaim_log_dirs (with Kafka stopped, delete partition copies that are in sync elsewhere): opt-in.</summary>
    [ConfigurationKeyName("reclaim_replicated")]
    public bool ReclaimReplicated { get; set; }
}
