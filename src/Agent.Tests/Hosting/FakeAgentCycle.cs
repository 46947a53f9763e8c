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
        new((n, _) => Task.FromResult(Ok(n, time)));

    /// <summary>Like <see cref="Returning"/>, but the first cycle runs until <paramref name="release"/> completes.</summary>
    public static FakeAgentCycle FirstWaitingFor(Task release, TimeProvider time) =>
        new(async (n, ct) =>
        {
            if (n == 1)
            {
                await release.WaitAsync(ct);
            }
            return Ok(n, time);
        });

    /// <summary>The summary "OK: cycle N".</summary>
    public static CycleSummary Ok(int run, TimeProvider time) => new(CycleStatus.Ok, $"OK: cycle {run}", time.GetUtcNow());
}
