namespace KafkaAgent.State;

/// <summary>
/// What the agent must remember across cycles and restarts (state.json): when each finding was first seen (for
/// hysteresis), attempts per action (for budgets), open circuits, an operator's pause, and the last actions.
/// Immutable; every change returns a new state, so a change can be re-applied to a fresher copy under the lock.
/// </summary>
internal sealed record AgentState
{
    public const int CurrentVersion = 1;

    /// <summary>How many recent actions <see cref="LastActions"/> keeps.</summary>
    public const int LastActionsKept = 20;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Finding key (id and subject, as <c>FindingKey.ToString()</c>) to when it was first seen, while it holds.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> FindingsFirstSeen { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Action name to the start times of its attempts still inside the budget window.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>> Attempts { get; init; } = new Dictionary<string, IReadOnlyList<DateTimeOffset>>();

    /// <summary>Action name to its open circuit.</summary>
    public IReadOnlyDictionary<string, CircuitState> Circuits { get; init; } = new Dictionary<string, CircuitState>();

    public PauseState? Pause { get; init; }

    /// <summary>Newest first, at most <see cref="LastActionsKept"/>.</summary>
    public IReadOnlyList<ActionRecord> LastActions { get; init; } = [];

    /// <summary>
    /// Set when the state could not be read (kept aside as state.json.corrupt-TIME): the history behind budgets and
    /// circuits is lost, so disruptive actions stay in observe until an operator runs <c>kafka-agent reset</c>.
    /// </summary>
    public string? DisruptiveHeldReason { get; init; }

    public bool IsPaused(DateTimeOffset now) => Pause is { } p && now < p.Until;

    public int AttemptsSince(string action, DateTimeOffset since) =>
        Attempts.TryGetValue(action, out var list) ? list.Count(t => t >= since) : 0;

    /// <summary>The open circuit of an action, unless its cool-off has passed.</summary>
    public CircuitState? OpenCircuit(string action, DateTimeOffset now, TimeSpan coolOff) =>
        Circuits.TryGetValue(action, out var c) && now < c.OpenSince + coolOff ? c : null;
}

/// <param name="OpenSince">When the budget ran out.</param>
/// <param name="Reason">One line: what kept failing.</param>
internal sealed record CircuitState(DateTimeOffset OpenSince, string Reason);

/// <param name="Until">The pause ends by itself at this time.</param>
internal sealed record PauseState(DateTimeOffset Since, DateTimeOffset Until, string Reason);

/// <param name="Result">success, failure, or skipped.</param>
/// <param name="Detail">One line: what the action did or why it was skipped.</param>
internal sealed record ActionRecord(string Action, DateTimeOffset At, string Result, string Detail);
