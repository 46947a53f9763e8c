using System.Globalization;
using KafkaAgent.Probes.Membership;

namespace KafkaAgent.Diagnosis;

/// <summary>
/// Partition health as kafka_exporter and Cruise Control watch it, judged from the controller's partition state:
/// offline (no leader), under min ISR (acks=all producers fail), under-replicated, and a cluster with no controller.
/// Counted as Kafka's own broker metrics count them: an offline partition is neither under-replicated nor under
/// min ISR (it has no leader to report either), and a partition under min ISR is also under-replicated.
/// </summary>
internal static class PartitionRules
{
    /// <summary>Partitions named in a finding; the count says how many there are in all.</summary>
    public const int NamedPartitions = 10;

    public static (string Summary, List<Finding> Findings) Evaluate(PartitionFacts p, int registeredBrokers)
    {
        var findings = new List<Finding>();
        var offline = p.Offline.ToList();
        var underMinIsr = p.UnderMinIsr.ToList();
        var underReplicated = p.UnderReplicated.ToList();

        if (p.Controller is null && registeredBrokers > 0 && p.ControllerMissingFor >= PartitionReader.ControllerGrace)
        {
            findings.Add(Finding.Of(FindingIds.ClusterNoController, Severity.Critical,
                string.Create(CultureInfo.InvariantCulture, $"no controller: /controller missing for {p.ControllerMissingFor.TotalSeconds:0} s while {Plural.Of(registeredBrokers, "broker")} are registered"),
                ("missing_seconds", Math.Round(p.ControllerMissingFor.TotalSeconds)), ("registered", registeredBrokers)));
        }

        if (offline.Count > 0)
        {
            findings.Add(Finding.Of(FindingIds.ClusterOfflinePartitions, Severity.Critical,
                $"{Plural.Of(offline.Count, "partition")} offline (no leader): {Names(offline, x => x.Name)}",
                ("count", offline.Count), ("partitions", Names(offline, x => x.Name))));
        }

        if (underMinIsr.Count > 0)
        {
            findings.Add(Finding.Of(FindingIds.ClusterUnderMinIsr, Severity.Critical,
                $"{Plural.Of(underMinIsr.Count, "partition")} below min.insync.replicas (acks=all writes fail): {Names(underMinIsr, x => $"{x.Name} (ISR {x.Isr.Count} < {x.MinIsr})")}",
                ("count", underMinIsr.Count), ("partitions", Names(underMinIsr, x => x.Name))));
        }

        if (underReplicated.Count > 0)
        {
            findings.Add(Finding.Of(FindingIds.ClusterUnderReplicated, Severity.Warning,
                $"{Plural.Of(underReplicated.Count, "partition")} under-replicated: {Names(underReplicated, x => $"{x.Name} (ISR [{string.Join(',', x.Isr)}] of [{string.Join(',', x.Replicas)}])")}",
                ("count", underReplicated.Count), ("partitions", Names(underReplicated, x => x.Name))));
        }

        var read = p.Capped
            ? $"{Plural.Of(p.Read, "partition")} read this pass (at most {PartitionFacts.MaxPartitionsPerCycle}; the next pass goes on from there)"
            : $"{Plural.Of(p.Read, "partition")} of {Plural.Of(p.Topics, "topic")}";
        var controller = p.Controller is { } c ? $"controller broker {c}" : "no controller";
        var health = findings.Count == 0 ? "all with a leader and a full ISR" : $"{offline.Count} offline, {underMinIsr.Count} under min ISR, {underReplicated.Count} under-replicated";
        return ($"{read}: {health}; {controller}", findings);
    }

    private static string Names(List<PartitionState> partitions, Func<PartitionState, string> name)
    {
        var shown = string.Join(", ", partitions.Take(NamedPartitions).Select(name));
        return partitions.Count > NamedPartitions ? $"{shown} (+{partitions.Count - NamedPartitions} more)" : shown;
    }
}
