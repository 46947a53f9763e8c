using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Remediation;

/// <summary>
/// Verifies an action by re-running the probes it affects until the findings it should have removed are gone, or
/// heal.verify_timeout_seconds pass: ZooKeeper serving; disk below high; zero wrong owners (a full scan);
/// Kafka running, registered in /brokers/ids and answering Metadata. Before a disruptive action the same probes tell,
/// in one pass, whether the fault it was planned for is still there (<see cref="IFaultRecheck"/>).
/// </summary>
internal sealed class ProbeVerifier(
    IProbe<ZooKeeperFacts> zooKeeper,
    IProbe<MembershipFacts> membership,
    IProbe<KafkaServiceFacts> kafkaService,
    IProbe<KafkaApiFacts> kafkaApi,
    IProbe<DiskFacts> disk,
    IProbe<OwnershipFacts> ownership,
    OwnershipMonitor? ownershipMonitor,
    AgentSettings settings,
    TimeProvider time) : IActionVerifier, IFaultRecheck
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public async Task<VerifyResult> VerifyAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(settings.Heal.VerifyTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var last = "not checked";
        try
        {
            while (true)
            {
                var remaining = await RemainingAsync(action, linked.Token);
                if (remaining.Count == 0)
                {
                    return new VerifyResult(true, "verified: " + Expectation(action.Action));
                }

                last = string.Join("; ", remaining.Select(f => f.Summary));
                await Task.Delay(Poll, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new VerifyResult(false, $"not verified within {settings.Heal.VerifyTimeout.TotalSeconds:0} s: {last}");
        }
    }

    public async Task<RecheckResult> RecheckAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        string[] faults = action.Action switch
        {
            ActionNames.RestartZooKeeper => [FindingIds.ZooKeeperHung],
            ActionNames.RestartKafka => [FindingIds.BrokerUnregistered, FindingIds.KafkaApiUnresponsive],
            ActionNames.ReclaimLogDirs => [FindingIds.DiskCritical],
            _ => [],
        };
        if (faults.Length == 0)
        {
            return new RecheckResult(true, "not re-checked");
        }

        // The fault of reclaim_log_dirs is its full log dir alone; Kafka running is what the action ensures after.
        var remaining = action.Action == ActionNames.ReclaimLogDirs
            ? await CriticalAtAsync(action.Target, cancellationToken)
            : await RemainingAsync(action, cancellationToken);
        // A probe that could not look proves nothing: the decision taken on the cycle's observation stands.
        var blind = remaining.FirstOrDefault(f => f.Evidence.ContainsKey(ProbeFailed));
        if (blind is not null)
        {
            return new RecheckResult(true, "a probe could not look again: " + blind.Summary);
        }

        var still = remaining.Where(f => faults.Contains(f.Id)).ToList();
        return still.Count > 0
            ? new RecheckResult(true, string.Join("; ", still.Select(f => f.Summary)))
            : new RecheckResult(false, remaining.Count == 0
                ? "gone on a fresh look"
                : "gone on a fresh look; now: " + string.Join("; ", remaining.Select(f => f.Summary)));
    }

    private const string ProbeFailed = "probe_failed";

    private static string Expectation(string action) => action switch
    {
        ActionNames.StartZooKeeper or ActionNames.RestartZooKeeper => "ZooKeeper serves requests",
        ActionNames.CleanAppLogs or ActionNames.PurgeZooKeeperData => "disk below high",
        ActionNames.FixOwnership => "no entry with a wrong owner",
        ActionNames.ReclaimLogDirs => "log dir below critical; Kafka runs, is registered and answers Metadata",
        _ => "Kafka runs, is registered and answers Metadata",
    };

    private async Task<List<Finding>> RemainingAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        switch (action.Action)
        {
            case ActionNames.StartZooKeeper or ActionNames.RestartZooKeeper:
                return Rows(await Run(zooKeeper, cancellationToken), ZooKeeperRules.Evaluate, FindingIds.ZooKeeperDown, FindingIds.ZooKeeperHung, FindingIds.ZooKeeperNotServing);
            case ActionNames.CleanAppLogs or ActionNames.PurgeZooKeeperData:
                return Rows(await Run(disk, cancellationToken), d => DiskRules.Evaluate(d, settings.Disk), FindingIds.DiskHigh, FindingIds.DiskCritical);
            case ActionNames.FixOwnership:
                ownershipMonitor?.RequestFullScan();
                return Rows(await Run(ownership, cancellationToken), OwnershipRules.Evaluate, FindingIds.OwnershipWrong)
                    .Where(f => f.Evidence.GetValueOrDefault("path") == action.Target).ToList();
            case ActionNames.ReclaimLogDirs:
                var full = await CriticalAtAsync(action.Target, cancellationToken);
                full.AddRange(await KafkaRemainingAsync(cancellationToken));
                return full;
            default:
                return await KafkaRemainingAsync(cancellationToken);
        }
    }

    /// <summary>disk.critical of the volume holding <paramref name="logDir"/>.</summary>
    private async Task<List<Finding>> CriticalAtAsync(string logDir, CancellationToken cancellationToken) =>
        Rows(await Run(disk, cancellationToken), d => DiskRules.Evaluate(d, settings.Disk), FindingIds.DiskCritical)
            .Where(f => f.Evidence.GetValueOrDefault("path") == logDir).ToList();

    private async Task<List<Finding>> KafkaRemainingAsync(CancellationToken cancellationToken)
    {
        var service = (await Run(kafkaService, cancellationToken)).Facts;
        if (service is null)
        {
            return [Finding.Of(FindingIds.KafkaDown, Severity.Critical, "the service state could not be read", (ProbeFailed, true))];
        }

        var (_, serviceFindings, _) = KafkaRules.EvaluateService(service);
        var found = serviceFindings.Where(f => f.Id is FindingIds.KafkaDown or FindingIds.KafkaStoppedByOperator).ToList();
        found.AddRange(Rows(await Run(membership, cancellationToken), m => MembershipRules.Evaluate(m, service), FindingIds.BrokerUnregistered));
        found.AddRange(Rows(await Run(kafkaApi, cancellationToken), a => KafkaRules.EvaluateApi(a, service), FindingIds.KafkaDown, FindingIds.KafkaApiUnresponsive));
        return found;
    }

    private Task<ProbeOutcome<T>> Run<T>(IProbe<T> probe, CancellationToken cancellationToken)
        where T : class => ProbeRunner.RunAsync(probe, time, cancellationToken);

    private static List<Finding> Rows<T>(ProbeOutcome<T> outcome, Func<T, (string Summary, List<Finding> Findings)> rule, params string[] ids)
        where T : class
    {
        if (outcome.Facts is null)
        {
            return [Finding.Of(ids[0], Severity.Critical, outcome.Failure ?? "probe gave no result", (ProbeFailed, true))];
        }

        return rule(outcome.Facts).Findings.Where(f => ids.Contains(f.Id)).ToList();
    }
}
