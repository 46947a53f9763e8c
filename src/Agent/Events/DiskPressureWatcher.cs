using KafkaAgent.Configuration;
using KafkaAgent.Platform.Linux;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Events;

/// <summary>
/// statvfs on every log dir: once per cycle interval while all are below disk.high_ratio, every
/// <see cref="FastPeriod"/> while any is above it; requests a cycle when a log dir climbs a level (high, critical,
/// full), so a filling disk is acted on in about a second rather than at the next cycle. A few syscalls a second.
/// </summary>
internal sealed class DiskPressureWatcher(
    AgentSettings settings,
    IFileSystemStats stats,
    ICycleTrigger trigger,
    TimeProvider time,
    ILogger<DiskPressureWatcher> logger) : BackgroundService
{
    internal static readonly TimeSpan FastPeriod = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var above = CheckOnce();
                await Task.Delay(above ? FastPeriod : settings.Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One look at every log dir.</summary>
    /// <returns>True while any log dir is above disk.high_ratio.</returns>
    internal bool CheckOnce()
    {
        var anyAbove = false;
        foreach (var dir in settings.Kafka.LogDirs)
        {
            FileSystemUsage usage;
            try
            {
                usage = stats.GetUsage(dir);
            }
            catch (IOException)
            {
                continue; // A missing or unreadable log dir is the cycle's finding to report.
            }

            var ratio = Math.Max(usage.UsedRatio, usage.InodesUsedRatio);
            var level = usage.AvailableBytes == 0 ? 3 : ratio >= settings.Disk.CriticalRatio ? 2 : ratio >= settings.Disk.HighRatio ? 1 : 0;
            anyAbove |= level > 0;
            var previous = _levels.GetValueOrDefault(dir);
            _levels[dir] = level;
            if (level > previous)
            {
                Log.DiskCrossed(logger, dir, ratio, level >= 2 ? settings.Disk.CriticalRatio : settings.Disk.HighRatio);
                trigger.Request(DetectionEvent.DiskUsage, time.GetTimestamp());
            }
        }
        return anyAbove;
    }
}
