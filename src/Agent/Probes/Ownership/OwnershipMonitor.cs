using KafkaAgent.Configuration;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// Keeps the ownership index of every log dir across cycles: a full scan when due (see
/// <see cref="OwnershipSchedule"/>), an incremental refresh otherwise. Not thread-safe: one cycle at a time.
/// </summary>
internal sealed class OwnershipMonitor(KafkaSettings kafka, OwnershipSettings settings, TimeProvider time)
{
    private readonly List<LogDirIndex> indexes = kafka.LogDirs
        .Select(d => new LogDirIndex(new DirectoryScanner(d, kafka.Uid, kafka.Gid, settings.SamplePaths), settings.SamplePaths))
        .ToList();

    private DateTimeOffset? nextFullScan;

    /// <summary>Threads for a full scan: the cores, at most 4 (past that the disk, not the CPU, is the limit).</summary>
    private static int Parallelism => Math.Min(Environment.ProcessorCount, 4);

    /// <summary>CPU the last full scan took (on its thread).</summary>
    public TimeSpan LastFullScanCpu { get; private set; }

    public DateTimeOffset? NextFullScan => nextFullScan;

    /// <summary>Makes the next pass a full scan (after a fix, to verify it).</summary>
    public void RequestFullScan() => nextFullScan = null;

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
            nextFullScan = null;
            throw;
        }
    }

    private OwnershipFacts Pass(CancellationToken cancellationToken)
    {
        var full = nextFullScan is null || time.GetUtcNow() >= nextFullScan;
        var before = LibC.ThreadCpuTime();
        var cpu = TimeSpan.Zero;
        if (full)
        {
            foreach (var index in indexes)
            {
                cpu += index.FullScan(Parallelism, cancellationToken);
            }

            LastFullScanCpu = cpu;
            nextFullScan = time.GetUtcNow() + OwnershipSchedule.NextInterval(
                LastFullScanCpu, settings.CpuBudgetRatio, settings.FullScanMinInterval, settings.FullScanMaxInterval);
        }
        else
        {
            foreach (var index in indexes)
            {
                index.Refresh(cancellationToken);
            }

            cpu = LibC.ThreadCpuTime() - before;
        }

        var summaries = indexes.Select(i => i.Summarize()).ToList();
        return new OwnershipFacts(kafka.User, kafka.Group, summaries, full, cpu);
    }
}
