using KafkaAgent.Configuration;
using KafkaAgent.Platform;
using KafkaAgent.Probes;

namespace KafkaAgent.Diagnosis;

/// <summary>All checks of one pass, worst status first in <see cref="Overall"/>.</summary>
/// <param name="Performance">Nagios performance data of the pass (empty when built without an observation).</param>
internal sealed record DiagnosisReport(IReadOnlyList<CheckResult> Checks, IReadOnlyList<PerfValue>? Performance = null)
{
    public CycleStatus Overall => Checks.Where(c => !c.Skipped).Select(c => c.Status).Aggregate(CycleStatus.Ok, CheckStatuses.Worst);

    public IEnumerable<Finding> Findings => Checks.SelectMany(c => c.Findings);
}

/// <summary>Facts in, findings out. Pure: no I/O, no clock, so every rule is unit-tested with plain records.</summary>
internal static class Diagnoser
{
    public static DiagnosisReport Diagnose(Observation o, DiskSettings disk)
    {
        var service = o.KafkaService.Facts;
        return new DiagnosisReport(
        [
            Row(CheckNames.ZooKeeper, o.ZooKeeper, ZooKeeperRules.Evaluate),
            Row(CheckNames.Membership, o.Membership, m => MembershipRules.Evaluate(m, service)),
            PartitionsRow(o),
            ServiceRow(o),
            ApiRow(o),
            Row(CheckNames.Disk, o.Disk, d => DiskRules.Evaluate(d, disk)),
            Row(CheckNames.Ownership, o.Ownership, OwnershipRules.Evaluate),
        ], PerformanceData.From(o, disk));
    }

    private static CheckResult Row<TFacts>(string check, ProbeOutcome<TFacts> outcome, Func<TFacts, (string Summary, List<Finding> Findings)> rule)
        where TFacts : class
    {
        if (outcome.Facts is null)
        {
            return new CheckResult(check, CycleStatus.Unknown, outcome.Failure ?? "no result", [], outcome.Duration);
        }

        var (summary, findings) = rule(outcome.Facts);
        return new CheckResult(check, CheckResult.StatusOf(findings), summary, findings, outcome.Duration);
    }

    private static CheckResult PartitionsRow(Observation o)
    {
        var members = o.Membership.Facts;
        if (members is not { Reachable: true, Partitions: { } partitions } || partitions.Detail is not null)
        {
            var why = members?.Partitions?.Detail ?? members?.Detail ?? o.Membership.Failure ?? "not read";
            return new CheckResult(CheckNames.Partitions, CycleStatus.Unknown, $"cannot read partition state: {why}", [], o.Membership.Duration);
        }

        var (summary, findings) = PartitionRules.Evaluate(partitions, members.RegisteredIds.Count);
        return new CheckResult(CheckNames.Partitions, CheckResult.StatusOf(findings), summary, findings, o.Membership.Duration);
    }

    private static CheckResult ApiRow(Observation o)
    {
        var service = o.KafkaService.Facts;
        if (o.KafkaApi.Facts is { MetadataAnswered: false } api && service?.State is ServiceState.Down or ServiceState.StoppedByOperator)
        {
            // Nothing was learned about the API: say so instead of OK. kafka.down (or the operator's stop) tells the story.
            return new CheckResult(CheckNames.KafkaApi, CycleStatus.Unknown,
                $"skipped: Kafka is not running ({api.Endpoint} {(api.PortOpen ? "open" : "closed")})", [], o.KafkaApi.Duration, Skipped: true);
        }

        return Row(CheckNames.KafkaApi, o.KafkaApi, a => KafkaRules.EvaluateApi(a, service));
    }

    private static CheckResult ServiceRow(Observation o)
    {
        if (o.KafkaService.Facts is not { } facts)
        {
            return new CheckResult(CheckNames.KafkaService, CycleStatus.Unknown, o.KafkaService.Failure ?? "no result", [], o.KafkaService.Duration);
        }

        var (summary, findings, unknown) = KafkaRules.EvaluateService(facts);
        var status = unknown ? CycleStatus.Unknown : CheckResult.StatusOf(findings);
        return new CheckResult(CheckNames.KafkaService, status, summary, findings, o.KafkaService.Duration);
    }
}
