namespace KafkaAgent.Probes.Ownership;

/// <summary>Runs the (synchronous, CPU- and I/O-bound) ownership pass off the caller's thread.</summary>
internal sealed class OwnershipProbe(OwnershipMonitor monitor) : IProbe<OwnershipFacts>
{
    public Task<OwnershipFacts> ProbeAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(monitor.Observe, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
