using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>The Prometheus endpoint of the daemon.</summary>
internal sealed class MetricsOptions
{
    [ConfigurationKeyName("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary>Host part of the HTTP listener prefix: * for every address, or e.g. 127.0.0.1.</summary>
    [ConfigurationKeyName("host")]
    public string Host { get; set; } = "*";

    [ConfigurationKeyName("port")]
    public int Port { get; set; } = 9464;

    [ConfigurationKeyName("path")]
    public string Path { get; set; } = "/metrics";
}
