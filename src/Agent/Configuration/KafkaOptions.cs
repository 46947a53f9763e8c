using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>The broker on this host. Unset values are discovered from <see cref="ServerProperties"/>.</summary>
internal sealed class KafkaOptions
{
    /// <summary>
    /// Kafka's server.properties; default: the last argument of the running kafka.Kafka process, else the first of
    /// /usr/local/kafka/config, /opt/kafka/config, /etc/kafka that holds one.
    /// </summary>
    [ConfigurationKeyName("server_properties")]
    public string? ServerProperties { get; set; }

    /// <summary>Kafka's installation: bin/kafka-server-start.sh and friends; default: the directory above a discovered config/server.properties when it holds bin/.</summary>
    [ConfigurationKeyName("home")]
    public string Home { get; set; } = "/usr/local/kafka";

    /// <summary>Kafka's LOG_DIR (server.log, controller.log, GC logs); default: home/logs.</summary>
    [ConfigurationKeyName("app_log_dir")]
    public string? AppLogDir { get; set; }

    /// <summary>Overrides broker.id (and meta.properties when the id is generated).</summary>
    [ConfigurationKeyName("broker_id")]
    public int? BrokerId { get; set; }

    /// <summary>Overrides log.dirs / log.dir.</summary>
    [ConfigurationKeyName("log_dirs")]
    public List<string> LogDirs { get; set; } = [];

    /// <summary>host:port the agent probes; default: the listener <see cref="ListenerName"/> picks, wildcard hosts as 127.0.0.1.</summary>
    [ConfigurationKeyName("listener")]
    public string? Listener { get; set; }

    /// <summary>
    /// Name of the entry of server.properties' listeners to probe (e.g. INTERNAL); default: a PLAINTEXT listener,
    /// else the inter-broker listener, else the first.
    /// </summary>
    [ConfigurationKeyName("listener_name")]
    public string? ListenerName { get; set; }

    /// <summary>How the probe authenticates on a secured listener.</summary>
    [ConfigurationKeyName("security")]
    public KafkaSecurityOptions Security { get; set; } = new();

    [ConfigurationKeyName("user")]
    public string User { get; set; } = "kafka";

    [ConfigurationKeyName("group")]
    public string Group { get; set; } = "kafka";

    [ConfigurationKeyName("api_timeout_seconds")]
    public double ApiTimeoutSeconds { get; set; } = 5;

    /// <summary>While the broker answers, ask Metadata at most this often (the port is checked every cycle).</summary>
    [ConfigurationKeyName("api_interval_seconds")]
    public double ApiIntervalSeconds { get; set; } = 30;

    [ConfigurationKeyName("service")]
    public KafkaServiceOptions Service { get; set; } = new();
}
