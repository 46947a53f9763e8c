using System.Diagnostics.Metrics;
using KafkaAgent.State;

namespace KafkaAgent.Remediation;

/// <summary>
/// kafka_agent_remediations_total{action,result}, kafka_agent_remediations_skipped_total{action,reason},
/// kafka_agent_remediation_duration_seconds{action}, kafka_agent_circuit_open{action} (every action, always),
/// kafka_agent_paused and kafka_agent_pause_expires_timestamp_seconds (from the last state the cycle saw),
/// kafka_agent_reclaimed_bytes_total{path} (tier 3).
/// </summary>
internal sealed class RemediationMetrics
{
    private readonly Counter<long> _remediations;
    private readonly Counter<long> _skipped;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reclaimed;
    private Snapshot? _last;

    public RemediationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Telemetry.AgentMetrics.MeterName);
        _remediations = meter.CreateCounter<long>("kafka_agent_remediations", description: "Remediation actions run, by action and result (success or failure).");
        _skipped = meter.CreateCounter<long>("kafka_agent_remediations_skipped", description: "Remediation actions wanted but held back, by action and reason.");
        _duration = meter.CreateHistogram<double>("kafka_agent_remediation_duration_seconds", unit: "s", description: "Wall time of a remediation action, verification included.");
        _reclaimed = meter.CreateCounter<long>("kafka_agent_reclaimed_bytes", description: "Bytes of partition copies deleted by reclaim_log_dirs (tier 3), by log dir.");
        meter.CreateObservableGauge("kafka_agent_circuit_open", CircuitsOpen, description: "1 while the action's circuit is open (its budget ran out).");
        meter.CreateObservableGauge("kafka_agent_paused", () => Volatile.Read(ref _last) is { } l && l.State.IsPaused(l.Now) ? 1L : 0L,
            description: "1 while remediation is paused by an operator.");
        meter.CreateObservableGauge("kafka_agent_pause_expires_timestamp_seconds",
            () => Volatile.Read(ref _last) is { } l && l.State.IsPaused(l.Now) ? l.State.Pause!.Until.ToUnixTimeSeconds() : 0L,
            unit: "s", description: "When the operator's pause ends (Unix time); 0 when not paused.");
    }

    public void Ran(string action, bool success, TimeSpan elapsed)
    {
        var label = new KeyValuePair<string, object?>("action", action);
        _remediations.Add(1, label, new KeyValuePair<string, object?>("result", success ? "success" : "failure"));
        _duration.Record(elapsed.TotalSeconds, label);
    }

    public void Reclaimed(string logDir, long bytes) => _reclaimed.Add(bytes, new KeyValuePair<string, object?>("path", logDir));

    public void Skipped(string action, SkipReason reason) =>
        _skipped.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("reason", reason.Label()));

    public void Observe(AgentState state, DateTimeOffset now, TimeSpan coolOff) => Volatile.Write(ref _last, new Snapshot(state, now, coolOff));

    private IEnumerable<Measurement<long>> CircuitsOpen()
    {
        var l = Volatile.Read(ref _last);
        foreach (var action in ActionNames.All)
        {
            var open = l is not null && l.State.OpenCircuit(action, l.Now, l.CoolOff) is not null;
            yield return new Measurement<long>(open ? 1 : 0, new KeyValuePair<string, object?>("action", action));
        }
    }

    private sealed record Snapshot(AgentState State, DateTimeOffset Now, TimeSpan CoolOff);
}
