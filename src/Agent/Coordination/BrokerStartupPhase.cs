namespace KafkaAgent.Coordination;

/// <summary>Where the broker's last start got to, as its server.log tells.</summary>
internal enum BrokerStartupPhase
{
    /// <summary>No start of the broker in the part of server.log read.</summary>
    Unknown,

    /// <summary>"starting" logged; log loading not begun yet.</summary>
    Starting,

    /// <summary>Loading (recovering) its logs: stopped now, it halts without the clean-shutdown marker and recovers again.</summary>
    LoadingLogs,

    /// <summary>Logs loaded, not yet "started" (registering, starting the controller and the request handlers).</summary>
    LogsLoaded,

    /// <summary>"started": the start completed.</summary>
    Started,

    /// <summary>The start failed ("Fatal error during KafkaServer startup"); the process exits.</summary>
    Failed,
}

/// <summary>The phase with the server.log line that shows it.</summary>
internal sealed record BrokerStartup(BrokerStartupPhase Phase, string? Evidence)
{
    /// <summary>
    /// In log recovery: loading began since the last start and "started" has not come. Restarting now throws the
    /// recovery away (Kafka 2.x writes .kafka_cleanshutdown only on a completed shutdown), so the next start
    /// recovers from scratch again: a restart loop.
    /// </summary>
    public bool InRecovery => Phase is BrokerStartupPhase.LoadingLogs or BrokerStartupPhase.LogsLoaded;
}
