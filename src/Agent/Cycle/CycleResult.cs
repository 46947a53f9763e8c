using KafkaAgent.Diagnosis;
using KafkaAgent.Remediation;

namespace KafkaAgent.Cycle;

/// <summary>Everything one cycle produced: the one-line summary, the diagnosis, the plan, and what became of each action.</summary>
/// <param name="RecheckAt">When a guard that held an action back lets go by itself (a grace or settle ends): the loop
/// runs the next cycle then rather than a whole interval later. Null when nothing waits on the clock.</param>
internal sealed record CycleResult(CycleSummary Summary, DiagnosisReport Report, Plan Plan, IReadOnlyList<ActionOutcome> Outcomes, DateTimeOffset? RecheckAt = null)
{
    public CycleResult(CycleSummary summary, DiagnosisReport report)
        : this(summary, report, Plan.Empty, [])
    {
    }
}
