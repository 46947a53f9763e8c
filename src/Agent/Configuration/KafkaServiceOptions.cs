using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>How the agent asks the host whether Kafka runs.</summary>
internal sealed class KafkaServiceOptions
{
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = "kafka";

    /// <summary>auto, systemd, sysv or pidfile.</summary>
    [ConfigurationKeyName("manager")]
    public string Manager { get; set; } = "auto";

    /// <summary>Pidfile written by the start script (manager pidfile; also used by auto when set).</summary>
    [ConfigurationKeyName("pid_file")]
    public string? PidFile { get; set; }

    /// <summary>How long a graceful stop (controlled shutdown) may take before the service manager escalates.</summary>
    [ConfigurationKeyName("stop_timeout_seconds")]
    public double StopTimeoutSeconds { get; set; } = 120;
}
