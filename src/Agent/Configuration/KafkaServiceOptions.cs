using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>How the agent asks the host whether a service (Kafka, or the local ZooKeeper) runs, and starts and stops it.</summary>
internal sealed class KafkaServiceOptions
{
    [ConfigurationKeyName("name")]
    public string Name { get; set; } = "kafka";

    /// <summary>auto, systemd, sysv, pidfile or script.</summary>
    [ConfigurationKeyName("manager")]
    public string Manager { get; set; } = "auto";

    /// <summary>Pidfile written by the start script (manager pidfile; also used by auto when set).</summary>
    [ConfigurationKeyName("pid_file")]
    public string? PidFile { get; set; }

    /// <summary>Seconds a graceful stop may take before the service process is killed.</summary>
    [ConfigurationKeyName("stop_timeout_seconds")]
    public double StopTimeoutSeconds { get; set; } = 120;

    /// <summary>What /proc/PID/cmdline must hold for a process to count as the service (pidfile and script managers).</summary>
    [ConfigurationKeyName("command_match")]
    public string CommandMatch { get; set; } = "kafka.Kafka";

    /// <summary>
    /// User the start script runs as (pidfile and script managers); default kafka.user. "root" runs it as the agent,
    /// as the runbook's sudo does, for scripts that drop privileges themselves.
    /// </summary>
    [ConfigurationKeyName("run_as")]
    public string? RunAs { get; set; }
}
