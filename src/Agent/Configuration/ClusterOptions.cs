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

    /// <summary>
    /// Broker ids expected in /brokers/ids, so a finding names the missing broker. Empty: the ids seen registered
    /// over time, remembered in known-brokers.json under the state directory.
    /// </summary>
    [ConfigurationKeyName("expected_broker_ids")]
    public List<int> ExpectedBrokerIds { get; set; } = [];
}
