using KafkaAgent.Cycle;
using KafkaAgent.Diagnosis;

namespace KafkaAgent.Tests.Hosting;

/// <summary>A cycle whose summary each test chooses (the report behind it is empty); counts how often it ran.</summary>
internal sealed class FakeAgentCycle(Func<int, CancellationToken, Task<CycleSummary>> run) : IAgentCycle
{
    private int _runs;
    private int _running;
    private int _maxConcurrent;

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The most cycles that ever ran at the same time.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public async Task<CycleResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }
        try
        {
            return new(await run(Interlocked.Increment(ref _runs), cancellationToken), new DiagnosisReport([]));
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public static FakeAgentCycle Returning(TimeProvider time) =>
        new((n, _) => Task.FromResult(new CycleSummary(CycleStatus.Ok, $"OK: cycle {n}", time.GetUtcNow())));
}
