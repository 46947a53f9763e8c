using KafkaAgent.State;

namespace KafkaAgent.Diagnosis;

/// <summary>The agent's own check: an open circuit means it gave up on an action and a human must look.</summary>
internal static class AgentRules
{
    public static CheckResult Evaluate(AgentState state, DateTimeOffset now, TimeSpan coolOff, string mode)
    {
        var findings = state.Circuits
            .Where(c => state.OpenCircuit(c.Key, now, coolOff) is not null)
            .Select(c => Finding.Of(FindingIds.AgentCircuitOpen, Severity.Warning,
                $"{c.Key} gave up: circuit open since {c.Value.OpenSince:u} ({c.Value.Reason}); `kafka-agent reset {c.Key}` to try again",
                ("action", c.Key), ("open_since", c.Value.OpenSince.ToString("O", System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
        var summary = findings.Count > 0 ? $"{findings.Count} circuit(s) open"
            : state.IsPaused(now) ? $"mode {mode}, paused until {state.Pause!.Until:u}: {state.Pause.Reason}"
            : $"mode {mode}, no circuit open";
        return new CheckResult(CheckNames.Agent, CheckResult.StatusOf(findings), summary, findings, TimeSpan.Zero);
    }
}
