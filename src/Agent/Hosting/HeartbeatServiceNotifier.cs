using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Hosting;

/// <summary>
/// Passes every status on to the service manager and, while the host is healthy, writes one info line at most every
/// <see cref="Interval"/>, so an operator reading the journal sees the agent is alive without a line per cycle (those
/// are at debug). Problems are logged as findings when they appear, so only OK statuses beat.
/// </summary>
internal sealed class HeartbeatServiceNotifier(IServiceNotifier inner, TimeProvider time, ILogger<HeartbeatServiceNotifier> logger) : IServiceNotifier
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private long? _lastBeat;

    /// <summary>The notifier this one decorates.</summary>
    public IServiceNotifier Inner => inner;

    public TimeSpan? WatchdogTimeout => inner.WatchdogTimeout;

    public void Status(string text)
    {
        inner.Status(text);
        var ok = text.StartsWith(CheckStatuses.Label(CycleStatus.Ok) + ":", StringComparison.Ordinal);
        if (!ok)
        {
            // The next healthy status beats at once: "back to OK" is worth a line.
            _lastBeat = null;
            return;
        }

        if (_lastBeat is { } last && time.GetElapsedTime(last) < Interval)
        {
            return;
        }

        _lastBeat = time.GetTimestamp();
        Log.Heartbeat(logger, text);
    }

    public void Watchdog() => inner.Watchdog();
}
