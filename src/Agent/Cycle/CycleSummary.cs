using KafkaAgent.Diagnosis;

namespace KafkaAgent.Cycle;

/// <summary>What one cycle concluded, short enough for systemd's STATUS= line.</summary>
/// <param name="Status">OK, WARNING, CRITICAL or UNKNOWN (the Nagios vocabulary).</param>
/// <param name="Text">One line for operators, e.g. "OK: 9 checks, broker 1 registered".</param>
/// <param name="CompletedAt">When the cycle finished, from the agent's TimeProvider.</param>
internal sealed record CycleSummary(CycleStatus Status, string Text, DateTimeOffset CompletedAt);
