using System.Diagnostics.Metrics;
using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes;

namespace KafkaAgent.Telemetry;

/// <summary>
/// The agent's instruments (names from DESIGN.md: kafka_agent_ prefix, base units, _total counters, ratios 0..1).
/// Gauges are observed from the last cycle's snapshot; every check and finding is always exported (0 or 1) so
/// that alert rules see a series that goes to 0 rather than one that disappears.
/// </summary>
internal sealed class AgentMetrics
{
    public const string MeterName = "KafkaAgent";
    private MetricsSnapshot? _snapshot;
    private readonly Counter<long> _cycles;
    private readonly Counter<long> _ownershipPasses;
    private readonly Counter<double> _ownershipCpu;

    private readonly TimeProvider _time;
    private readonly string? _brokerId;
    private readonly string _mode;

    /// <param name="settings">Gives build_info its broker_id label; optional so the meter works before configuration.</param>
    public AgentMetrics(IMeterFactory meterFactory, AgentSettings? settings = null, TimeProvider? time = null)
    {
        _mode = (settings?.Mode ?? AgentMode.Heal).ToString().ToLowerInvariant();
        this._time = time ?? TimeProvider.System;
        _brokerId = settings?.Kafka.BrokerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var meter = meterFactory.Create(MeterName);
        _cycles = meter.CreateCounter<long>("kafka_agent_cycles", description: "Observation cycles completed, by overall status.");
        _ownershipPasses = meter.CreateCounter<long>("kafka_agent_ownership_passes", description: "Ownership passes over the log dirs, by kind (full or incremental).");
        _ownershipCpu = meter.CreateCounter<double>("kafka_agent_ownership_cpu_seconds", unit: "s", description: "CPU time spent in ownership passes, by kind.");
        meter.CreateObservableGauge("kafka_agent_build_info", BuildInfo,
            description: "Always 1; the labels say which build runs, in which mode (heal or observe), and which broker this host serves.");
        meter.CreateObservableGauge("kafka_agent_last_cycle_timestamp_seconds", () => Single(s => (double?)s.FinishedUnixSeconds), unit: "s",
            description: "When the last cycle finished (Unix time): alert when it stops moving.");
        meter.CreateObservableGauge("kafka_agent_partitions_offline", () => Single(s => s.PartitionsOffline),
            description: "Partitions without a leader (leader -1 in their ZooKeeper state), cluster-wide.");
        meter.CreateObservableGauge("kafka_agent_partitions_under_replicated", () => Single(s => s.PartitionsUnderReplicated),
            description: "Partitions with a leader whose ISR is smaller than their replica set, cluster-wide.");
        meter.CreateObservableGauge("kafka_agent_partitions_under_min_isr", () => Single(s => s.PartitionsUnderMinIsr),
            description: "Partitions with a leader whose ISR is below min.insync.replicas, cluster-wide.");
        meter.CreateObservableGauge("kafka_agent_zookeeper_latency_avg_seconds", () => Single(s => s.ZooKeeperAvgLatencySeconds), unit: "s",
            description: "The local ZooKeeper's own average request latency (mntr/srvr).");
        meter.CreateObservableGauge("kafka_agent_zookeeper_outstanding_requests", () => Single(s => s.ZooKeeperOutstanding),
            description: "Requests queued in the local ZooKeeper (mntr/srvr).");
        meter.CreateObservableGauge("kafka_agent_zookeeper_synced_followers", () => Single(s => s.ZooKeeperSyncedFollowers),
            description: "Followers in sync with the local ZooKeeper; only while it leads (mntr).");
        meter.CreateObservableGauge("kafka_agent_check_up", () => Each(s => s.CheckStatus, (_, v) => v == CycleStatus.Ok ? 1L : 0L, "check"),
            description: "1 when the check's status is OK.");
        meter.CreateObservableGauge("kafka_agent_check_status", () => Each(s => s.CheckStatus, (_, v) => (long)v, "check"),
            description: "The check's Nagios status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        meter.CreateObservableGauge("kafka_agent_check_duration_seconds", () => Each(s => s.CheckDurationSeconds, (_, v) => v, "check"),
            unit: "s", description: "How long the check's probe took in the last cycle.");
        meter.CreateObservableGauge("kafka_agent_finding_active", ActiveFindings, description: "1 while the finding holds.");
        meter.CreateObservableGauge("kafka_agent_zookeeper_up", () => Single(s => s.ZooKeeperUp), description: "1 when the local ZooKeeper serves requests.");
        meter.CreateObservableGauge("kafka_agent_brokers_registered", () => Single(s => s.BrokersRegistered), description: "Brokers in /brokers/ids.");
        meter.CreateObservableGauge("kafka_agent_brokers_expected", () => Single(s => s.BrokersExpected),
            description: "Brokers expected in /brokers/ids (cluster.expected_brokers); 0 when the count checks are off.");
        meter.CreateObservableGauge("kafka_agent_broker_registered", () => Single(s => s.BrokerRegistered), description: "1 when this broker is in /brokers/ids.");
        meter.CreateObservableGauge("kafka_agent_logdir_avail_bytes", () => Volumes(v => v.AvailBytes), unit: "By", description: "Bytes still writable on the filesystem of a Kafka log dir (kind=kafka) or of the ZooKeeper dataDir (kind=zookeeper).");
        meter.CreateObservableGauge("kafka_agent_logdir_used_ratio", () => Volumes(v => v.UsedRatio), unit: "1", description: "Used share of the directory's filesystem (as df); kind=kafka for a log dir, kind=zookeeper for the dataDir.");
        meter.CreateObservableGauge("kafka_agent_logdir_inodes_used_ratio", () => Volumes(v => v.InodesUsedRatio), unit: "1", description: "Used share of the directory's filesystem inodes; kind as for the other volume gauges.");
        meter.CreateObservableGauge("kafka_agent_logdir_wrong_owner_files", () => Owners(d => d.Wrong), description: "Entries under the log dir not owned by the Kafka user and group.");
        meter.CreateObservableGauge("kafka_agent_logdir_foreign_symlinks", () => Owners(d => d.ForeignSymlinks), description: "Symlinks under the log dir that point outside it.");
        meter.CreateObservableGauge("kafka_agent_logdir_entries", () => Owners(d => d.Entries), description: "Entries the ownership scan covers.");
        meter.CreateObservableGauge("kafka_agent_cycle_duration_seconds", () => Single(s => (double?)s.CycleDurationSeconds), unit: "s", description: "Wall time of the last cycle.");
    }

    public void Record(Observation observation, DiagnosisReport report, TimeSpan elapsed)
    {
        Volatile.Write(ref _snapshot, MetricsSnapshot.From(observation, report, elapsed, _time.GetUtcNow()));
        _cycles.Add(1, new KeyValuePair<string, object?>("status", CheckStatuses.Label(report.Overall).ToLowerInvariant()));
        if (observation.Ownership.Facts is { } ownership)
        {
            var kind = new KeyValuePair<string, object?>("kind", ownership.FullScan ? "full" : "incremental");
            _ownershipPasses.Add(1, kind);
            _ownershipCpu.Add(ownership.PassCpu.TotalSeconds, kind);
        }
    }

    private Measurement<long> BuildInfo()
    {
        var version = new KeyValuePair<string, object?>("version", ProductVersion.Short);
        var agentMode = new KeyValuePair<string, object?>("mode", _mode);
        return _brokerId is null
            ? new Measurement<long>(1, version, agentMode)
            : new Measurement<long>(1, version, agentMode, new KeyValuePair<string, object?>("broker_id", _brokerId));
    }

    private IEnumerable<Measurement<long>> ActiveFindings()
    {
        var s = Volatile.Read(ref _snapshot);
        if (s is null)
        {
            yield break;
        }

        foreach (var id in FindingIds.All)
        {
            yield return new Measurement<long>(s.ActiveFindings.Contains(id) ? 1 : 0,
                new KeyValuePair<string, object?>("finding", id), new KeyValuePair<string, object?>("scope", FindingIds.ScopeOf(id)));
        }
    }

    private List<Measurement<T>> Each<TValue, T>(Func<MetricsSnapshot, IReadOnlyDictionary<string, TValue>> select, Func<string, TValue, T> value, string label)
        where T : struct
    {
        var s = Volatile.Read(ref _snapshot);
        return s is null ? [] : select(s).Select(kv => new Measurement<T>(value(kv.Key, kv.Value), new KeyValuePair<string, object?>(label, kv.Key))).ToList();
    }

    private List<Measurement<T>> Single<T>(Func<MetricsSnapshot, T?> select)
        where T : struct
    {
        var s = Volatile.Read(ref _snapshot);
        return s is not null && select(s) is { } v ? [new Measurement<T>(v)] : [];
    }

    private List<Measurement<double>> Volumes(Func<(string Path, string Kind, double AvailBytes, double UsedRatio, double InodesUsedRatio), double> select)
    {
        var s = Volatile.Read(ref _snapshot);
        return s is null ? [] : s.Volumes.Select(v => new Measurement<double>(select(v),
            new KeyValuePair<string, object?>("path", v.Path), new KeyValuePair<string, object?>("kind", v.Kind))).ToList();
    }

    private List<Measurement<long>> Owners(Func<(string Path, long Wrong, long ForeignSymlinks, long Entries), long> select)
    {
        var s = Volatile.Read(ref _snapshot);
        return s is null ? [] : s.LogDirOwnership.Select(d => new Measurement<long>(select(d), new KeyValuePair<string, object?>("path", d.Path))).ToList();
    }
}
