using KafkaAgent.Cycle;
using KafkaAgent.Diagnosis;

namespace KafkaAgent.Tests.Hosting;

/// <summary>A cycle whose summary each test chooses (the report behind it is empty); counts how often it ran.</summary>
internal sealed class FakeAgentCycle(Func<int, CancellationToken, Task<CycleSummary>> run) : IAgentCycle
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public async Task<CycleResult> RunOnceAsync(CancellationToken cancellationToken) =>
        new(await run(Interlocked.Increment(ref _runs), cancellationToken), new DiagnosisReport([]));

    public static FakeAgentCycle Returning(TimeProvider time) =>
        new((n, _) => Task.FromResult(new CycleSummary(CycleStatus.Ok, $"OK: cycle {n}", time.GetUtcNow())));
}
