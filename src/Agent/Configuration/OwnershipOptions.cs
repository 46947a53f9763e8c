using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>How the daemon schedules the ownership scan of the log dirs (check always does one full scan).</summary>
internal sealed class OwnershipOptions
{
    /// <summary>Never start two full scans closer than this.</summary>
    [ConfigurationKeyName("full_scan_min_interval_seconds")]
    public double FullScanMinIntervalSeconds { get; set; } = 60;

    /// <summary>Never let more than this much time pass without a full scan.</summary>
    [ConfigurationKeyName("full_scan_max_interval_seconds")]
    public double FullScanMaxIntervalSeconds { get; set; } = 3600;

    /// <summary>Share of one core that full scans may use on average (0.0025 = 0.25%).</summary>
    [ConfigurationKeyName("cpu_budget_ratio")]
    public double CpuBudgetRatio { get; set; } = 0.0025;

    [ConfigurationKeyName("sample_paths")]
    public int SamplePaths { get; set; } = 5;
}
