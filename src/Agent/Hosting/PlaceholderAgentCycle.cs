namespace KafkaAgent.Hosting;

/// <summary>
/// Stands in until an observation cycle is registered, so the daemon's wiring (notify, watchdog, status) can run
/// end to end. Reports UNKNOWN so nobody mistakes it for a healthy broker.
/// </summary>
internal sealed class PlaceholderAgentCycle(TimeProvider time) : IAgentCycle
{
    public Task<CycleSummary> RunOnceAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new CycleSummary(CycleStatus.Unknown, "UNKNOWN: no checks configured", time.GetUtcNow()));
}
