namespace KafkaAgent.Hosting;

/// <summary>One pass of the agent's loop: observe, diagnose and (later) act.</summary>
/// <remarks>The daemon's worker calls it on the configured interval; the <c>check</c> verb calls it once.</remarks>
internal interface IAgentCycle
{
    Task<CycleSummary> RunOnceAsync(CancellationToken cancellationToken);
}

/// <summary>What one cycle concluded, short enough for systemd's STATUS= line.</summary>
/// <param name="Status">OK, WARNING, CRITICAL or UNKNOWN (the Nagios vocabulary).</param>
/// <param name="Text">One line for operators, e.g. "OK: 9 checks, broker 1 registered".</param>
/// <param name="CompletedAt">When the cycle finished, from the agent's TimeProvider.</param>
internal sealed record CycleSummary(CycleStatus Status, string Text, DateTimeOffset CompletedAt);

internal enum CycleStatus
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
}
