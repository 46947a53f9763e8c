using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

internal sealed class ClusterOptions
{
    /// <summary>
    /// Brokers expected in /brokers/ids. Unset: the number of server.N lines of the local ZooKeeper config
    /// (the runbook's hosts run one ZooKeeper and one broker each). 0 disables the membership count checks.
    /// </summary>
    [ConfigurationKeyName("expected_brokers")]
    public int? ExpectedBrokers { get; set; }
}
