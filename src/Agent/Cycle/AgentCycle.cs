using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.Diagnosis;
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
    TimeProvider time,
    ILogger<AgentCycle> logger) : IAgentCycle
{
    private readonly FindingChangeLog changes = new(logger);

    public async Task<CycleResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var observation = await observer.ObserveAsync(cancellationToken);
        var diagnosis = Diagnoser.Diagnose(observation, settings.Disk);
        var now = time.GetUtcNow();

        var (state, act) = LoadState(diagnosis, now);
        var mode = settings.Mode.ToString().ToLowerInvariant();
        var report = new DiagnosisReport([.. diagnosis.Checks, AgentRules.Evaluate(state, now, settings.Heal.CoolOff, mode)]);
        // What was seen goes to the journal before what is done about it.
        changes.Update(report.Findings);
        var plan = planner.Plan(new PlanInput(diagnosis, observation, state, policy, now));
        var outcomes = act ? await runner.RunAsync(plan, cancellationToken) : [];

        var after = act ? SafeLoad() ?? state : state;
        remediationMetrics.Observe(after, time.GetUtcNow(), settings.Heal.CoolOff);
        if (options.Act)
        {
            // The daemon's last word for the rest of the cluster (`kafka-agent cluster`, the mass-failure rule).
            await hostReports.PublishAsync(report, after, cancellationToken);
        }

        metrics.Record(observation, report, time.GetElapsedTime(started));
        return new CycleResult(new CycleSummary(report.Overall, CheckSummary.StatusLine(report), time.GetUtcNow()), report, plan, outcomes);
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
