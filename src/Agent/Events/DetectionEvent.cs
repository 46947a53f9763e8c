namespace KafkaAgent.Events;

/// <summary>What woke the loop before its interval: the <c>event</c> label of the detection-latency histogram.</summary>
internal enum DetectionEvent
{
    /// <summary>Kafka's main process exited (pidfd became readable).</summary>
    KafkaExit,

    /// <summary>ZooKeeper's main process exited.</summary>
    ZooKeeperExit,

    /// <summary>This broker's /brokers/ids/&lt;id&gt; node was deleted.</summary>
    RegistrationLost,

    /// <summary>The agent's own ZooKeeper connection dropped (the session may still be alive).</summary>
    SessionLost,

    /// <summary>The agent's own ZooKeeper connection came back.</summary>
    SessionReconnected,

    /// <summary>The server expired the agent's own ZooKeeper session.</summary>
    SessionExpired,

    /// <summary>A log dir's filesystem crossed disk.high_ratio or disk.critical_ratio upwards.</summary>
    DiskUsage,
}

internal static class DetectionEvents
{
    public static readonly IReadOnlyList<DetectionEvent> All = Enum.GetValues<DetectionEvent>();

    /// <summary>Stable snake_case label values (metrics, logs).</summary>
    public static string Label(this DetectionEvent e) => e switch
    {
        DetectionEvent.KafkaExit => "kafka_exit",
        DetectionEvent.ZooKeeperExit => "zookeeper_exit",
        DetectionEvent.RegistrationLost => "registration_lost",
        DetectionEvent.SessionLost => "session_lost",
        DetectionEvent.SessionReconnected => "session_reconnected",
        DetectionEvent.SessionExpired => "session_expired",
        DetectionEvent.DiskUsage => "disk_usage",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, null),
    };
}
