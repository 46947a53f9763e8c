namespace KafkaAgent.State;

/// <summary>The changes the cycle, the runner and the CLI make to <see cref="AgentState"/>; each returns a new state.</summary>
internal static class AgentStateChanges
{
    /// <summary>Keeps first-seen times of findings that still hold, adds new ones at <paramref name="now"/>.</summary>
    public static AgentState WithFindingsSeen(this AgentState state, IEnumerable<string> findingKeys, DateTimeOffset now)
    {
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var key in findingKeys)
        {
            seen[key] = state.FindingsFirstSeen.TryGetValue(key, out var first) ? first : now;
        }

        return seen.Count == state.FindingsFirstSeen.Count && seen.All(kv => state.FindingsFirstSeen.TryGetValue(kv.Key, out var t) && t == kv.Value)
            ? state
            : state with { FindingsFirstSeen = seen };
    }

    /// <summary>Counts an attempt and forgets attempts older than the window.</summary>
    public static AgentState WithAttempt(this AgentState state, string action, DateTimeOffset at, TimeSpan window)
    {
        var attempts = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(state.Attempts, StringComparer.Ordinal);
        var kept = attempts.TryGetValue(action, out var list) ? list.Where(t => t > at - window).ToList() : [];
        kept.Add(at);
        attempts[action] = kept;
        return state with { Attempts = attempts };
    }

    /// <summary>Forgets the counted attempts of one action (a clean-up that worked: see ActionNames.BudgetCountsOnlyFailures).</summary>
    public static AgentState WithAttemptsForgotten(this AgentState state, string action) =>
        state.Attempts.ContainsKey(action)
            ? state with { Attempts = state.Attempts.Where(c => c.Key != action).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal) }
            : state;

    public static AgentState WithRecord(this AgentState state, ActionRecord record) =>
        state with { LastActions = [record, .. state.LastActions.Take(AgentState.LastActionsKept - 1)] };

    public static AgentState WithCircuitOpen(this AgentState state, string action, DateTimeOffset since, string reason)
    {
        if (state.Circuits.ContainsKey(action))
        {
            return state;
        }

        return state with { Circuits = new Dictionary<string, CircuitState>(state.Circuits, StringComparer.Ordinal) { [action] = new(since, reason) } };
    }

    public static AgentState WithCircuitClosed(this AgentState state, string action) =>
        state.Circuits.ContainsKey(action)
            ? state with { Circuits = state.Circuits.Where(c => c.Key != action).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal) }
            : state;

    /// <summary>Closes circuits whose cool-off has passed and drops an expired pause.</summary>
    public static AgentState WithoutExpired(this AgentState state, DateTimeOffset now, TimeSpan coolOff)
    {
        var expired = state.Circuits.Where(c => now >= c.Value.OpenSince + coolOff).Select(c => c.Key).ToList();
        var pauseExpired = state.Pause is { } p && now >= p.Until;
        if (expired.Count == 0 && !pauseExpired)
        {
            return state;
        }

        return state with
        {
            Circuits = state.Circuits.Where(c => !expired.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            Pause = pauseExpired ? null : state.Pause,
        };
    }

    public static AgentState Paused(this AgentState state, DateTimeOffset now, TimeSpan duration, string reason) =>
        state with { Pause = new PauseState(now, now + duration, reason) };

    public static AgentState Resumed(this AgentState state) => state with { Pause = null };

    /// <summary><c>kafka-agent reset [ACTION]</c>: closes the circuit and forgets the attempts of one action, or of all and lifts the hold on disruptive actions.</summary>
    public static AgentState Reset(this AgentState state, string? action)
    {
        if (action is null)
        {
            return state with
            {
                Circuits = new Dictionary<string, CircuitState>(),
                Attempts = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(),
                DisruptiveHeldReason = null,
            };
        }

        return state.WithCircuitClosed(action).WithAttemptsForgotten(action);
    }
}
