using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Hosting;
using KafkaAgent.Probes;
using KafkaAgent.Telemetry;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

/// <summary>
/// One observe-only pass: probes, diagnosis, metrics, and a log line per finding that appeared or cleared.
/// Remediation plugs in after diagnosis in a later version.
/// </summary>
internal sealed class AgentCycle(
    AgentObserver observer,
    AgentSettings settings,
    AgentMetrics metrics,
    TimeProvider time,
    ILogger<AgentCycle> logger) : IAgentCycle
{
    private Dictionary<string, string> active = new(StringComparer.Ordinal);

    /// <summary>The last report, for the status line and tests.</summary>
    public DiagnosisReport? LastReport { get; private set; }

    public async Task<CycleSummary> RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var observation = await observer.ObserveAsync(cancellationToken);
        var report = Diagnoser.Diagnose(observation, settings.Disk);
        var elapsed = time.GetElapsedTime(started);
        metrics.Record(observation, report, elapsed);
        LogChanges(report);
        LastReport = report;
        return new CycleSummary(report.Overall, CheckSummary.StatusLine(report), time.GetUtcNow());
    }

    private void LogChanges(DiagnosisReport report)
    {
        // Keyed by id and summary: a finding whose numbers change (3 -> 5 wrong files) is logged again.
        var now = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var finding in report.Findings)
        {
            var key = finding.Id + "|" + finding.Summary;
            now[key] = finding.Id;
            if (!active.ContainsKey(key))
            {
                Log.FindingRaised(logger, finding.Id, finding.Severity, finding.Summary);
            }
        }

        foreach (var id in active.Where(a => !now.ContainsKey(a.Key)).Select(a => a.Value).Distinct().Where(id => !now.ContainsValue(id)))
        {
            Log.FindingCleared(logger, id);
        }

        active = now;
    }
}
