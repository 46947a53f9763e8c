using KafkaAgent.Configuration;
using KafkaAgent.State;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Remediation;

/// <summary>
/// Runs a plan in order: each action's dependencies must have succeeded, a disruptive one must pass
/// <see cref="IDisruptiveGuard"/> and then find its fault still there on a fresh look (<see cref="IFaultRecheck"/>),
/// the attempt is counted in the state before it starts (so a crash mid-action still counts against the budget),
/// then the decorated action runs (Polly, verification, metrics, journal) and its outcome is recorded. Skip decisions are counted every cycle but logged only when they change.
/// </summary>
internal sealed class PlanRunner(
    IReadOnlyDictionary<string, IRemediationAction> actions,
    IDisruptiveGuard guard,
    IFaultRecheck recheck,
    IStateStore store,
    RemediationMetrics metrics,
    HealSettings heal,
    TimeProvider time,
    ILogger<PlanRunner> logger)
{
    private readonly Dictionary<string, SkipReason> _lastSkip = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ActionOutcome>> RunAsync(Plan plan, CancellationToken cancellationToken)
    {
        var outcomes = new List<ActionOutcome>();
        foreach (var skip in plan.Skipped)
        {
            Skipped(skip.Action, skip.Target, skip.Finding, skip.Reason, skip.Detail);
            outcomes.Add(new ActionOutcome(skip.Action, skip.Target, ActionResultKind.Skipped, skip.Detail, TimeSpan.Zero, skip.Reason));
        }

        foreach (var action in plan.CircuitsToOpen)
        {
            var detail = CircuitDetail(action);
            store.Update(s => s.WithCircuitOpen(action, time.GetUtcNow(), detail));
            Log.CircuitOpened(logger, action, detail);
        }

        foreach (var planned in plan.Actions)
        {
            outcomes.Add(await RunOneAsync(planned, outcomes, cancellationToken));
        }

        return outcomes;
    }

    private async Task<ActionOutcome> RunOneAsync(PlannedAction planned, List<ActionOutcome> earlier, CancellationToken cancellationToken)
    {
        var failed = planned.DependsOn.Where(d => earlier.Any(o => o.Action == d && o.Result != ActionResultKind.Success)).ToList();
        if (failed.Count > 0)
        {
            return Skipped(planned, SkipReason.Dependency, "not run: " + string.Join(", ", failed) + " did not succeed first");
        }

        if (!actions.TryGetValue(planned.Action, out var action))
        {
            return Skipped(planned, SkipReason.Dependency, $"{planned.Action} is not available on this build");
        }

        // A disruptive action runs, and is verified, while its guard's lease (the cluster lock) is held.
        await using var lease = planned.Disruptive ? await guard.EnterAsync(planned, cancellationToken) : null;
        if (lease is { Allowed: false })
        {
            return Skipped(planned, lease.Reason ?? SkipReason.Lock, lease.Detail);
        }

        if (planned.Disruptive)
        {
            var now = await recheck.RecheckAsync(planned, cancellationToken);
            if (!now.Present)
            {
                return Skipped(planned, SkipReason.Cleared, now.Detail);
            }
        }

        _lastSkip.Remove(planned.Action);
        var started = time.GetUtcNow();
        store.Update(s => s.WithAttempt(planned.Action, started, heal.BudgetWindow));
        var clock = time.GetTimestamp();
        ActionResult result;
        try
        {
            result = await action.RunAsync(planned, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = ActionResult.Failed("cancelled: the cycle timed out or the agent is stopping");
            Record(planned, started, result);
            throw;
        }

        Record(planned, started, result);
        return new ActionOutcome(planned.Action, planned.Target, result.Succeeded ? ActionResultKind.Success : ActionResultKind.Failure,
            result.Detail, time.GetElapsedTime(clock));
    }

    /// <summary>
    /// Why the circuit opened, in words that stay true: a clean-up's budget counts only attempts that failed, a start's
    /// or restart's counts every one, including those that worked (a service that keeps needing them is an operator's).
    /// </summary>
    private string CircuitDetail(string action)
    {
        var within = $"{heal.BudgetAttempts} attempts within {heal.BudgetWindow.TotalMinutes:0} min";
        return ActionNames.BudgetCountsOnlyFailures(action)
            ? within + " did not fix it"
            : within + ", each counted whether it worked or not: a service that keeps needing them is for an operator to look at";
    }

    private void Record(PlannedAction planned, DateTimeOffset at, ActionResult result)
    {
        var record = new ActionRecord(planned.Action, at, result.Succeeded ? "success" : "failure", $"{planned.Target}: {result.Detail}");
        var state = store.Update(s =>
        {
            var next = s.WithRecord(record);
            // A fix that worked closes a circuit left from before (after its cool-off the planner let it run again).
            if (!result.Succeeded)
            {
                return next;
            }

            next = next.WithCircuitClosed(planned.Action);
            return ActionNames.BudgetCountsOnlyFailures(planned.Action) ? next.WithAttemptsForgotten(planned.Action) : next;
        });
        metrics.Observe(state, time.GetUtcNow(), heal.CoolOff);
    }

    private ActionOutcome Skipped(PlannedAction planned, SkipReason reason, string detail)
    {
        Skipped(planned.Action, planned.Target, planned.Finding, reason, detail);
        return new ActionOutcome(planned.Action, planned.Target, ActionResultKind.Skipped, detail, TimeSpan.Zero, reason);
    }

    private void Skipped(string action, string target, string finding, SkipReason reason, string detail)
    {
        metrics.Skipped(action, reason);
        if (!_lastSkip.TryGetValue(action, out var before) || before != reason)
        {
            Log.ActionSkipped(logger, action, target, finding, reason.Label(), detail);
            _lastSkip[action] = reason;
        }
    }
}
