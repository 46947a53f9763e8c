namespace KafkaAgent.Remediation;

/// <summary>One action the planner wants run.</summary>
/// <param name="Action">An <see cref="ActionNames"/> name.</param>
/// <param name="Target">What it acts on: a service name or a path.</param>
/// <param name="Finding">The finding that calls for it (id and subject), for the journal.</param>
/// <param name="DependsOn">Actions earlier in the same plan that must succeed first (start_kafka after start_zookeeper).</param>
internal sealed record PlannedAction(string Action, string Target, string Finding, bool Disruptive, IReadOnlyList<string> DependsOn);

/// <summary>An action the planner wanted but a guard held back.</summary>
/// <param name="Detail">One line: what the guard saw (e.g. "held 20 s of 60 s").</param>
/// <param name="RetryAt">When the guard that held it back lets go by itself (a grace or settle ending), so the loop can
/// look again then rather than a whole interval later; null when only a change in the world releases it.</param>
internal sealed record SkippedAction(string Action, string Target, string Finding, SkipReason Reason, string Detail, DateTimeOffset? RetryAt = null);

/// <summary>The planner's answer for one cycle, in the order the actions must run.</summary>
/// <param name="CircuitsToOpen">Actions whose budget ran out in this plan; the runner records their circuits.</param>
internal sealed record Plan(IReadOnlyList<PlannedAction> Actions, IReadOnlyList<SkippedAction> Skipped, IReadOnlyList<string> CircuitsToOpen)
{
    public static readonly Plan Empty = new([], [], []);

    /// <summary>The earliest moment a held-back action may pass its guard without anything else changing.</summary>
    public DateTimeOffset? NextRetryAt => Skipped.Where(s => s.RetryAt is not null).Select(s => s.RetryAt).Min();
}

/// <summary>What happened to one planned action: succeeded and verified, failed, or skipped at run time.</summary>
internal sealed record ActionOutcome(string Action, string Target, ActionResultKind Result, string Detail, TimeSpan Duration, SkipReason? SkipReason = null);

internal enum ActionResultKind
{
    Success,
    Failure,
    Skipped,
}
