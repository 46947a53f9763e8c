using KafkaAgent.Hosting;

namespace KafkaAgent.Tests.Hosting;

/// <summary>A cycle whose behaviour each test chooses; counts how often it ran.</summary>
internal sealed class FakeAgentCycle(Func<int, CancellationToken, Task<CycleSummary>> run) : IAgentCycle
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public Task<CycleSummary> RunOnceAsync(CancellationToken cancellationToken) =>
        run(Interlocked.Increment(ref _runs), cancellationToken);

    public static FakeAgentCycle Returning(TimeProvider time) =>
        new((n, _) => Task.FromResult(new CycleSummary(CycleStatus.Ok, $"OK: cycle {n}", time.GetUtcNow())));
}
