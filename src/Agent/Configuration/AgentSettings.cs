using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Probes.Kafka;

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
    LogFormat LogFormat = LogFormat.Text,
    IReadOnlyList<int>? ExpectedBrokerIds = null)
{
    /// <summary>How long one cycle may take before the worker cancels it (cycle_timeout_seconds).</summary>
    public TimeSpan CycleTimeout { get; init; } = TimeSpan.FromSeconds(600);

    public AgentMode Mode { get; init; } = AgentMode.Heal;

    public string StateDirectory { get; init; } = "/var/lib/kafka-agent";

    public HealSettings Heal { get; init; } = HealSettings.Default;

    /// <summary>disk.reclaim_replicated: tier 3, reclaim_log_dirs (off by default).</summary>
    public bool ReclaimReplicated { get; init; }

    /// <summary>Keys agent.yaml left unset that were filled from the host (config files found, server.properties), by display key.</summary>
    public IReadOnlyDictionary<string, ResolvedSetting> Discovered { get; init; } = new Dictionary<string, ResolvedSetting>();

    /// <summary>Every agent.yaml key with the value in use and its source, for <c>kafka-agent config</c> and reload.</summary>
    public IReadOnlyList<ResolvedSetting> Sources { get; init; } = [];
}

internal enum LogFormat
{
    Text,
    Json,
}

internal enum ServiceManagerKind
{
    Auto,
    Systemd,
    SysV,
    PidFile,

    /// <summary>The runbook's own scripts (kafka-server-start.sh -daemon, kafka-server-stop.sh), status from the process table or a pidfile.</summary>
    Script,
}

/// <param name="CommandMatch">Text /proc/PID/cmdline must hold for a process to count as the service (kafka.Kafka, QuorumPeerMain).</param>
/// <param name="Scripts">The runbook's start command for this service (script and pidfile managers).</param>
internal sealed record ServiceSettings(string Name, ServiceManagerKind Manager, string? PidFile, TimeSpan StopTimeout, string CommandMatch, ServiceScripts Scripts);

/// <summary>How the runbook starts a service that has no unit of its own, and as whom.</summary>
/// <param name="Start">kafka-server-start.sh or zookeeper-server-start.sh under kafka.home/bin.</param>
/// <param name="Config">The properties file the start script is given.</param>
internal sealed record ServiceScripts(string Start, string Config, string User, string Group, uint Uid, uint Gid);

/// <param name="Home">kafka.home: where bin/kafka-server-start.sh lives.</param>
/// <param name="AppLogDir">Kafka's LOG_DIR (server.log, GC logs); not a partition log dir.</param>
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
    ServiceSettings Service,
    string Home,
    string AppLogDir)
{
    /// <summary>What the Kafka API probe presents on <see cref="ProbeEndpoint"/> (kafka.security.*).</summary>
    public KafkaClientSecurity Security { get; init; } = KafkaClientSecurity.Plaintext;

    /// <summary>Why that listener was chosen ("the first PLAINTEXT listener", "kafka.listener_name").</summary>
    public string ProbeReason { get; init; } = "the first PLAINTEXT listener";
}

/// <param name="Local">The ZooKeeper on this host that the agent probes.</param>
/// <param name="LocalServer">Its parsed config; null when this host has none (ZooKeeper runs elsewhere).</param>
internal sealed record ZooKeeperSettings(
    ZooKeeperConnect Connect,
    TimeSpan SessionTimeout,
    HostPort Local,
    TimeSpan Timeout,
    ZooKeeperServerConfig? LocalServer,
    ServiceSettings Service)
{
    /// <summary>zookeeper.auth_file: the digest identity of the agent's sessions and of its own nodes' ACLs; null: none.</summary>
    public Credentials? Auth { get; init; }
}

internal sealed record DiskSettings(double HighRatio, double CriticalRatio);

internal sealed record OwnershipSettings(TimeSpan FullScanMinInterval, TimeSpan FullScanMaxInterval, double CpuBudgetRatio, int SamplePaths);

internal sealed record MetricsSettings(bool Enabled, string Host, int Port, string Path);
