using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>The root of agent.yaml. Keys are snake_case; every section has its own options class.</summary>
internal sealed class AgentOptions
{
    /// <summary>observe: probe and report only. (Remediation modes arrive with the remediation work.)</summary>
    [ConfigurationKeyName("mode")]
    public string Mode { get; set; } = "observe";

    /// <summary>Seconds between two cycles of the daemon.</summary>
    [ConfigurationKeyName("interval_seconds")]
    public double IntervalSeconds { get; set; } = 10;

    [ConfigurationKeyName("kafka")]
    public KafkaOptions Kafka { get; set; } = new();

    [ConfigurationKeyName("zookeeper")]
    public ZooKeeperOptions ZooKeeper { get; set; } = new();

    [ConfigurationKeyName("cluster")]
    public ClusterOptions Cluster { get; set; } = new();

    [ConfigurationKeyName("disk")]
    public DiskOptions Disk { get; set; } = new();

    [ConfigurationKeyName("ownership")]
    public OwnershipOptions Ownership { get; set; } = new();

    [ConfigurationKeyName("metrics")]
    public MetricsOptions Metrics { get; set; } = new();

    [ConfigurationKeyName("logging")]
    public LoggingOptions Logging { get; set; } = new();
}
