namespace KafkaAgent.Platform;

/// <summary>A service as the host's service manager sees it, in the agent's vocabulary.</summary>
internal enum ServiceState
{
    Running,
    Starting,
    Stopping,

    /// <summary>Not running and stopped on purpose (systemd Result=success; pidfile removed by the stop script).</summary>
    StoppedByOperator,

    /// <summary>Not running and not stopped on purpose: crashed, killed, failed to start.</summary>
    Down,

    Unknown,
}
