using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.Diagnosis;
using KafkaAgent.Events;
using KafkaAgent.Probes;
using KafkaAgent.Remediation;
using KafkaAgent.State;
using KafkaAgent.Telemetry;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

/// <summary>
/// One pass of the loop, in the order it runs: observe (every probe), diagnose, load the persisted state, plan,
/// act (guarded, retried, verified), record (metrics, state, one journal line per finding that appeared, changed
/// severity or cleared, and per action decision and outcome).
/// </summary>
internal sealed class AgentCycle(
    AgentObserver observer,
    AgentSettings settings,
    IStateStore store,
    IPlanner planner,
    PlanRunner runner,
    HealPolicy policy,
    CycleOptions options,
    AgentMetrics metrics,
    RemediationMetrics remediationMetrics,
    IHostReportSink hostReports,
    ICycleTrigger trigger,
    BrokerProcessLedger ledger,
    TimeProvider time,
    ILogger<AgentCycle> logger) : IAgentCycle
{
    // An event storm must not keep a cycle observing forever: after this many fresh starts it finishes its pass.
    private const int MaxObservationRestarts = 3;

    private readonly FindingChangeLog _changes = new(logger);

    public async Task<CycleResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var observation = await ObserveAsync(cancellationToken);
        var diagnosis = Diagnoser.Diagnose(observation, settings.Disk);
        var now = time.GetUtcNow();

        var (state, act) = LoadState(diagnosis, now);
        var mode = settings.Mode.ToString().ToLowerInvariant();
        var report = new DiagnosisReport([.. diagnosis.Checks, AgentRules.Evaluate(state, now, settings.Heal.CoolOff, mode)], diagnosis.Performance);
        // What was seen goes to the journal before what is done about it.
        _changes.Update(report.Findings);
        var plan = planner.Plan(new PlanInput(diagnosis, observation, state, policy, now, Stale(observation)));
        var outcomes = act ? await runner.RunAsync(plan, cancellationToken) : [];

        var after = act ? SafeLoad() ?? state : state;
        remediationMetrics.Observe(after, time.GetUtcNow(), settings.Heal.CoolOff);
        if (options.Act)
        {
            // The daemon's last word for the rest of the cluster (`kafka-agent cluster`, the mass-failure rule).
            await hostReports.PublishAsync(report, after, cancellationToken);
        }

        metrics.Record(observation, report, time.GetElapsedTime(started));
        return new CycleResult(new CycleSummary(report.Overall, CheckSummary.StatusLine(report), time.GetUtcNow()), report, plan, outcomes,
            act ? plan.NextRetryAt : null);
    }

    /// <summary>
    /// Observes; an event (a process exit, the session lost) arriving meanwhile abandons the pass and starts a fresh
    /// one, so the cycle acts on what the event changed rather than leaving it to the next cycle. A pass a probe
    /// finished in spite of the interruption is discarded too: a probe may turn its cancellation into a failure.
    /// </summary>
    private async Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        for (var restarts = 0; ; restarts++)
        {
            var interrupted = trigger.TakeForCycle();
            if (restarts >= MaxObservationRestarts)
            {
                return await observer.ObserveAsync(cancellationToken);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupted);
            try
            {
                var observation = await observer.ObserveAsync(linked.Token);
                if (!interrupted.IsCancellationRequested)
                {
                    return observation;
                }
            }
            catch (OperationCanceledException) when (interrupted.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
            }

            Log.ObservationRestarted(logger, restarts + 1);
        }
    }

    /// <summary>Feeds the ledger the registration seen under Kafka's live pid, and judges a dead broker's against it.</summary>
    private StaleProof Stale(Observation observation)
    {
        var members = observation.Membership.Facts;
        if (observation.KafkaService.Facts is { State: Platform.ServiceState.Running, MainPid: { } pid } && members is { OwnSession: { } session, OwnRegisteredAt: { } at })
        {
            ledger.SawRegistration(pid, session, at, StaleRegistration.Skew);
        }
        return StaleRegistration.Prove(ledger.LastDead, members?.OwnSession, members?.OwnRegisteredAt, StaleRegistration.Skew);
    }

    /// <returns>The state to plan with, and whether actions may run (only when the state can be persisted).</returns>
    private (AgentState State, bool Act) LoadState(DiagnosisReport diagnosis, DateTimeOffset now)
    {
        var keys = diagnosis.Findings.Select(f => FindingKey.Of(f).ToString()).Distinct().ToList();
        try
        {
            if (!options.Act)
            {
                return (store.Load(), false);
            }

            return (store.Update(s => s.WithoutExpired(now, settings.Heal.CoolOff).WithFindingsSeen(keys, now)), true);
        }
        catch (Exception ex) when (ex is StateStoreException or IOException or UnauthorizedAccessException)
        {
            // Without a writable state, budgets and circuits cannot hold: plan (for the report), act on nothing.
            if (options.Act)
            {
                Remediation.Log.StateUnavailable(logger, ex.Message);
            }

            return (new AgentState().WithFindingsSeen(keys, now), false);
        }
    }

    private AgentState? SafeLoad()
    {
        try
        {
            return store.Load();
        }
        catch (Exception ex) when (ex is StateStoreException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
