using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>The root of agent.yaml. Keys are snake_case; every section has its own options class.</summary>
internal sealed class AgentOptions
{
    /// <summary>heal: fix what the runbook fixes; observe: plan and record what would have been done, change nothing.</summary>
    [ConfigurationKeyName("mode")]
    public string Mode { get; set; } = "heal";

    /// <summary>Where state.json (budgets, circuits, pause) lives; the unit's StateDirectory=.</summary>
    [ConfigurationKeyName("state_dir")]
    public string StateDir { get; set; } = "/var/lib/kafka-agent";

    /// <summary>Seconds between two cycles of the daemon.</summary>
    [ConfigurationKeyName("interval_seconds")]
    public double IntervalSeconds { get; set; } = 10;

    /// <summary>Seconds one cycle (probes, actions, verification) may take before it is cancelled.</summary>
    [ConfigurationKeyName("cycle_timeout_seconds")]
    public double CycleTimeoutSeconds { get; set; } = 600;

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

    [ConfigurationKeyName("heal")]
    public HealOptions Heal { get; set; } = new();

    [ConfigurationKeyName("metrics")]
    public MetricsOptions Metrics { get; set; } = new();

    [ConfigurationKeyName("logging")]
    public LoggingOptions Logging { get; set; } = new();
}
