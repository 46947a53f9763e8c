namespace KafkaAgent.Hosting;

/// <summary>
/// What the worker tells the service manager beyond READY/STOPPING (which the host lifetime sends):
/// a one-line status and watchdog keep-alives.
/// </summary>
internal interface IServiceNotifier
{
    /// <summary>How often the service manager expects a keep-alive; null when no watchdog is armed.</summary>
    TimeSpan? WatchdogTimeout { get; }

    /// <summary>Publishes a one-line status (systemd STATUS=). Must not throw.</summary>
    void Status(string text);

    /// <summary>Tells the service manager that the loop is making progress (systemd WATCHDOG=1). Must not throw.</summary>
    void Watchdog();
}
