using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>The local ZooKeeper's service, which start_zookeeper and restart_zookeeper act on (through the same manager as Kafka's).</summary>
internal sealed class ZooKeeperServiceOptions
{
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = "zookeeper";

    [ConfigurationKeyName("stop_timeout_seconds")]
    public double StopTimeoutSeconds { get; set; } = 120;
}
