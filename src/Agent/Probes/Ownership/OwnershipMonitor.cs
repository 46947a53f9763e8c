using KafkaAgent.Configuration;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// Keeps the ownership index of every log dir across cycles: a full scan when due (see
/// <see cref="OwnershipSchedule"/>), an incremental refresh otherwise. Not thread-safe: one cycle at a time.
/// </summary>
internal sealed class OwnershipMonitor(KafkaSettings kafka, OwnershipSettings settings, TimeProvider time)
{
    private readonly List<LogDirIndex> _indexes = kafka.LogDirs
        .Select(d => new LogDirIndex(new DirectoryScanner(d, kafka.Uid, kafka.Gid, settings.SamplePaths), settings.SamplePaths))
        .ToList();

    // Monotonic (TimeProvider timestamps), not the wall clock: an NTP step or a manual date change must
    // neither delay the next full scan by the size of the step nor run one early.
    private long? _lastFullScanStarted;
    private TimeSpan _fullScanInterval;

    /// <summary>Threads for a full scan: the cores, at most 4 (past that the disk, not the CPU, is the limit).</summary>
    private static int Parallelism => Math.Min(Environment.ProcessorCount, 4);

    /// <summary>Makes the next pass a full scan (after a fix, to verify it).</summary>
    public void RequestFullScan() => _lastFullScanStarted = null;

    /// <exception cref="OperationCanceledException">The pass was cancelled; the next pass is a full scan.</exception>
    public OwnershipFacts Observe(CancellationToken cancellationToken = default)
    {
        try
        {
            return Pass(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A pass cut short leaves an index that knows only part of the tree; only a full scan can be trusted after it.
            _lastFullScanStarted = null;
            throw;
        }
    }

    private OwnershipFacts Pass(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var full = _lastFullScanStarted is not { } last || time.GetElapsedTime(last, now) >= _fullScanInterval;
        var before = LibC.ThreadCpuTime();
        var cpu = TimeSpan.Zero;
        if (full)
        {
            foreach (var index in _indexes)
            {
                cpu += index.FullScan(Parallelism, cancellationToken);
            }

            _lastFullScanStarted = now;
            _fullScanInterval = OwnershipSchedule.NextInterval(
                cpu, settings.CpuBudgetRatio, settings.FullScanMinInterval, settings.FullScanMaxInterval);
        }
        else
        {
            foreach (var index in _indexes)
            {
                index.Refresh(cancellationToken);
            }

            cpu = LibC.ThreadCpuTime() - before;
        }

        var summaries = _indexes.Select(i => i.Summarize()).ToList();
        return new OwnershipFacts(kafka.User, kafka.Group, summaries, full, cpu);
    }
}
