using System.Globalization;

namespace KafkaAgent.Hosting;

/// <summary>The environment systemd hands a Type=notify service, read once.</summary>
internal sealed class SystemdEnvironment(Func<string, string?> getVariable, int processId)
{
    public static SystemdEnvironment Current { get; } = new(Environment.GetEnvironmentVariable, Environment.ProcessId);

    public bool HasNotifySocket => !string.IsNullOrEmpty(getVariable("NOTIFY_SOCKET"));

    /// <summary>WATCHDOG_USEC as a TimeSpan, or null when unset, malformed, or meant for another process.</summary>
    public TimeSpan? WatchdogTimeout()
    {
        if (!HasNotifySocket)
        {
            return null;
        }
        // sd_watchdog_enabled(3): WATCHDOG_PID, when present, names the process the watchdog is for.
        var pid = getVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid)
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var watchdogPid) || watchdogPid != processId))
        {
            return null;
        }
        var usec = getVariable("WATCHDOG_USEC");
        if (!long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return null;
        }
        return TimeSpan.FromMicroseconds(microseconds);
    }
}
