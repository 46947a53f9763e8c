namespace KafkaAgent.Probes;

/// <summary>
/// A probe reads one aspect of the host and returns facts. Expected trouble (refused, timed out, missing)
/// is part of the facts; only a bug may throw, and <see cref="ProbeRunner"/> turns that into an outcome.
/// </summary>
internal interface IProbe<TFacts>
    where TFacts : class
{
    Task<TFacts> ProbeAsync(CancellationToken cancellationToken);
}
