using KafkaAgent.Configuration;

namespace KafkaAgent.Remediation;

/// <summary>
/// A run-time guard's answer for one disruptive action: refused (with the skip reason), or allowed while this lease
/// is held. The runner keeps it through the action and its verification and disposes it after, so the cluster lock
/// behind it covers the whole restart, not just the decision.
/// </summary>
internal sealed class GuardLease : IAsyncDisposable
{
    private readonly IAsyncDisposable? _hold;

    private GuardLease(bool allowed, SkipReason? reason, string detail, IAsyncDisposable? hold)
    {
        Allowed = allowed;
        Reason = reason;
        Detail = detail;
        this._hold = hold;
    }

    public bool Allowed { get; }

    /// <summary>Why it was refused; null when allowed.</summary>
    public SkipReason? Reason { get; }

    /// <summary>One journal line: what the guards saw.</summary>
    public string Detail { get; }

    /// <summary>Allowed; <paramref name="hold"/> (the cluster lock, say) is released on dispose.</summary>
    public static GuardLease Allow(string detail, IAsyncDisposable? hold = null) => new(true, null, detail, hold);

    public static GuardLease Deny(SkipReason reason, string detail) => new(false, reason, detail, null);

    public ValueTask DisposeAsync() => _hold?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Asked by the runner right before every disruptive action (a restart): the checks that need I/O at that moment
/// (the cluster lock, min-ISR availability, log recovery, mass failure, controller last) live behind it.
/// </summary>
internal interface IDisruptiveGuard
{
    Task<GuardLease> EnterAsync(PlannedAction action, CancellationToken cancellationToken);
}

/// <summary>
/// The guard without the cluster checks: allows everything except in observe mode. Used for observe mode and
/// for <c>check</c>, which never acts.
/// </summary>
internal sealed class ModeOnlyDisruptiveGuard(AgentMode mode) : IDisruptiveGuard
{
    public Task<GuardLease> EnterAsync(PlannedAction action, CancellationToken cancellationToken) =>
        Task.FromResult(mode == AgentMode.Observe ? GuardLease.Deny(SkipReason.Observe, "mode: observe") : GuardLease.Allow("allowed"));
}
