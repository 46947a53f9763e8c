namespace KafkaAgent.Probes;

/// <summary>
/// What one probe returned: its facts, or why it could not produce any (a bug or an unexpected OS error;
/// expected failures such as "connection refused" are facts, not failures). Always carries the duration.
/// </summary>
internal sealed record ProbeOutcome<TFacts>(TFacts? Facts, TimeSpan Duration, string? Failure)
    where TFacts : class
{
    public static ProbeOutcome<TFacts> Skipped(string reason) => new(null, TimeSpan.Zero, reason);
}
