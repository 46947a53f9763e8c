using KafkaAgent.Diagnosis;
using KafkaAgent.Probes;
using KafkaAgent.State;

namespace KafkaAgent.Remediation;

/// <summary>Everything a plan is made from; plain records, so the planner is tested without I/O.</summary>
/// <param name="Stale">Whether the registration a killed broker left is proven its own (heal.stale_registration: delete).</param>
internal sealed record PlanInput(DiagnosisReport Report, Observation Observation, AgentState State, HealPolicy Policy, DateTimeOffset Now, Coordination.StaleProof? Stale = null);

/// <summary>Findings in, ordered actions out. Pure: no I/O, no clock of its own.</summary>
internal interface IPlanner
{
    Plan Plan(PlanInput input);
}
