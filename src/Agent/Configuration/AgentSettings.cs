using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Configuration;

/// <summary>
/// The validated configuration with discovery applied: agent.yaml and the environment first, then
/// Kafka's server.properties and ZooKeeper's config for whatever they leave unset. Immutable.
/// </summary>
/// <param name="ExpectedBrokerIds">cluster.expected_broker_ids; empty when the ids are learned from what registers.</param>
internal sealed record AgentSettings(
    string ConfigPath,
    TimeSpan Interval,
    KafkaSettings Kafka,
    ZooKeeperSettings ZooKeeper,
    int ExpectedBrokers,
    DiskSettings Disk,
    OwnershipSettings Ownership,
    MetricsSettings Metrics,
    IReadOnlyList<int>? ExpectedBrokerIds = null);

internal enum ServiceManagerKind
{
    Auto,
    Systemd,
    SysV,
    PidFile,
}

internal sealed record ServiceSettings(string Name, ServiceManagerKind Manager, string? PidFile);

/// <param name="RegisteredListeners">What the broker should register in /brokers/ids: advertised.listeners, else listeners.</param>
internal sealed record KafkaSettings(
    string ServerProperties,
    int BrokerId,
    IReadOnlyList<string> LogDirs,
    HostPort ProbeEndpoint,
    IReadOnlyList<KafkaListener> RegisteredListeners,
    string User,
    string Group,
    uint Uid,
    uint Gid,
    TimeSpan ApiTimeout,
    TimeSpan ApiInterval,
    ServiceSettings Service);

/// <param name="Local">The ZooKeeper on this host that the agent probes.</param>
/// <param name="LocalServer">Its parsed config; null when this host has none (ZooKeeper runs elsewhere).</param>
internal sealed record ZooKeeperSettings(
    ZooKeeperConnect Connect,
    TimeSpan SessionTimeout,
    HostPort Local,
    TimeSpan Timeout,
    ZooKeeperServerConfig? LocalServer);

internal sealed record DiskSettings(double HighRatio, double CriticalRatio);

internal sealed record OwnershipSettings(TimeSpan FullScanMinInterval, TimeSpan FullScanMaxInterval, double CpuBudgetRatio, int SamplePaths);

internal sealed record MetricsSettings(bool Enabled, string Host, int Port, string Path);
