namespace KafkaAgent.Probes.Ownership;

/// <summary>Runs the (synchronous, CPU- and I/O-bound) ownership pass off the caller's thread; it stops between directories when cancelled.</summary>
internal sealed class OwnershipProbe(OwnershipMonitor monitor) : IProbe<OwnershipFacts>
{
    public Task<OwnershipFacts> ProbeAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => monitor.Observe(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
