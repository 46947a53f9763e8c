using KafkaAgent.Configuration;

namespace KafkaAgent.Remediation;

/// <summary>A run-time guard's answer for one disruptive action.</summary>
internal sealed record GuardDecision(bool Allowed, SkipReason? Reason, string Detail)
{
    public static readonly GuardDecision Allow = new(true, null, "allowed");

    public static GuardDecision Deny(SkipReason reason, string detail) => new(false, reason, detail);
}

/// <summary>
/// Asked by the runner right before every disruptive action (a restart): the checks that need I/O at that moment
/// (the cluster lock, min-ISR availability, log recovery, mass failure) live behind it.
/// </summary>
internal interface IDisruptiveGuard
{
    Task<GuardDecision> CheckAsync(PlannedAction action, CancellationToken cancellationToken);
}

/// <summary>The guard of a build without the cluster checks: allows everything except in observe mode.</summary>
internal sealed class ModeOnlyDisruptiveGuard(AgentMode mode) : IDisruptiveGuard
{
    public Task<GuardDecision> CheckAsync(PlannedAction action, CancellationToken cancellationToken) =>
        Task.FromResult(mode == AgentMode.Observe ? GuardDecision.Deny(SkipReason.Observe, "mode: observe") : GuardDecision.Allow);
}
