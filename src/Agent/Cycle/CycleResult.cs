using KafkaAgent.Diagnosis;
using KafkaAgent.Remediation;

namespace KafkaAgent.Cycle;

/// <summary>Everything one cycle produced: the one-line summary, the diagnosis, the plan, and what became of each action.</summary>
internal sealed record CycleResult(CycleSummary Summary, DiagnosisReport Report, Plan Plan, IReadOnlyList<ActionOutcome> Outcomes)
{
    public CycleResult(CycleSummary summary, DiagnosisReport report)
        : this(summary, report, Plan.Empty, [])
    {
    }
}
