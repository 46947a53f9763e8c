using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Platform;

namespace KafkaAgent.Remediation;

/// <summary>
/// The runbook as a plan: ZooKeeper, then disk, then ownership, then Kafka. Each wanted action passes the guards
/// in a fixed order (circuit, budget, pause, grace, dependency, mode); the first that holds it back is its skip reason.
/// </summary>
internal sealed class RunbookPlanner : IPlanner
{
    /// <summary>How long a definitive exit must have been seen before the agent acts on it.</summary>
    internal static readonly TimeSpan ExitSettle = TimeSpan.FromSeconds(1);

    private static readonly string[] ZooKeeperFaults = [FindingIds.ZooKeeperDown, FindingIds.ZooKeeperHung, FindingIds.ZooKeeperNotServing, FindingIds.ZooKeeperEnsembleUnreachable];

    public Plan Plan(PlanInput input)
    {
        var findings = input.Report.Findings.ToList();
        var wanted = Wanted(input, findings);
        var planned = new List<PlannedAction>();
        var skipped = new List<SkippedAction>();
        var circuits = new List<string>();

        foreach (var want in wanted)
        {
            var skip = Guard(input, want, findings, planned);
            if (skip is null)
            {
                var dependsOn = findings.Where(f => want.Needs.Contains(f.Id)).SelectMany(f => Fixers(FindingKey.Of(f), planned)).Distinct().ToList();
                planned.Add(new PlannedAction(want.Action, want.Target, want.Finding.ToString(), ActionNames.IsDisruptive(want.Action), dependsOn));
                continue;
            }

            skipped.Add(new SkippedAction(want.Action, want.Target, want.Finding.ToString(), skip.Value.Reason, skip.Value.Detail, skip.Value.RetryAt));
            if (skip.Value.Reason == SkipReason.Budget && !circuits.Contains(want.Action))
            {
                circuits.Add(want.Action);
            }
        }

        return new Plan(planned, skipped, circuits);
    }

    /// <summary>A candidate action before the guards.</summary>
    /// <param name="Definitive">The finding rests on a definitive event (the process exited): no grace.</param>
    /// <param name="Needs">Finding ids that must be gone (or being fixed earlier in this plan) before it may run.</param>
    private sealed record Want(string Action, string Target, FindingKey Finding, bool Definitive, IReadOnlyList<string> Needs);

    private static List<Want> Wanted(PlanInput input, List<Finding> findings)
    {
        var policy = input.Policy;
        var wanted = new List<Want>();
        Finding? Find(string id) => findings.FirstOrDefault(f => f.Id == id);

        // 1. ZooKeeper (only the one this host runs).
        if (policy.HostRunsZooKeeper)
        {
            if (Find(FindingIds.ZooKeeperDown) is { } down)
            {
                wanted.Add(new Want(ActionNames.StartZooKeeper, policy.ZooKeeperService, FindingKey.Of(down), Definitive: true, []));
            }
            else if (Find(FindingIds.ZooKeeperHung) is { } hung)
            {
                wanted.Add(new Want(ActionNames.RestartZooKeeper, policy.ZooKeeperService, FindingKey.Of(hung), Definitive: false, []));
            }
        }

        // 2. Disk: tier 1 (rotated application logs), tier 2 (ZooKeeper snapshots beyond the newest 3).
        var full = findings.FirstOrDefault(f => f.Id == FindingIds.DiskCritical) ?? Find(FindingIds.DiskHigh);
        if (full is not null)
        {
            wanted.Add(new Want(ActionNames.CleanAppLogs, "app_log_dir", FindingKey.Of(full), Definitive: false, []));
            if (policy.HostRunsZooKeeper)
            {
                wanted.Add(new Want(ActionNames.PurgeZooKeeperData, "zookeeper_data", FindingKey.Of(full), Definitive: false, []));
            }
        }

        // Tier 3 (opt-in): a log dir still critical after its grace, in which tiers 1 and 2 had their turn first (the
        // action itself does nothing when the dir is below critical by the time it runs). It reads the ISRs from
        // ZooKeeper, so ZooKeeper must answer.
        if (policy.ReclaimReplicated)
        {
            foreach (var critical in findings.Where(f => f.Id == FindingIds.DiskCritical && f.Evidence.GetValueOrDefault("role") == Probes.Disk.DiskRoles.LogDir))
            {
                var key = FindingKey.Of(critical);
                wanted.Add(new Want(ActionNames.ReclaimLogDirs, key.Subject, key, Definitive: false, [.. ZooKeeperFaults]));
            }
        }

        // 3. Ownership, one action per log dir.
        foreach (var wrong in findings.Where(f => f.Id == FindingIds.OwnershipWrong))
        {
            var key = FindingKey.Of(wrong);
            wanted.Add(new Want(ActionNames.FixOwnership, key.Subject, key, Definitive: false, []));
        }

        // 4. Kafka. An operator's stop raises kafka.stopped_by_operator, never kafka.down: nothing is planned for it.
        if (Find(FindingIds.KafkaDown) is { } kafkaDown)
        {
            // The service manager saw the process end (crashed, killed): that is definitive; a closed port with an
            // unknown service state is not.
            var exited = input.Observation.KafkaService.Facts?.State == ServiceState.Down;
            wanted.Add(new Want(ActionNames.StartKafka, policy.KafkaService, FindingKey.Of(kafkaDown), exited,
                [.. ZooKeeperFaults, FindingIds.DiskCritical, FindingIds.OwnershipWrong]));
        }
        else if ((Find(FindingIds.BrokerUnregistered) ?? Find(FindingIds.KafkaApiUnresponsive)) is { } zombie)
        {
            wanted.Add(new Want(ActionNames.RestartKafka, policy.KafkaService, FindingKey.Of(zombie), Definitive: false, [.. ZooKeeperFaults]));
        }

        return wanted;
    }

    private static (SkipReason Reason, string Detail, DateTimeOffset? RetryAt)? Guard(PlanInput input, Want want, List<Finding> findings, List<PlannedAction> planned)
    {
        var (state, policy, now) = (input.State, input.Policy, input.Now);
        var heal = policy.Heal;

        if (state.OpenCircuit(want.Action, now, heal.CoolOff) is { } circuit)
        {
            return (SkipReason.CircuitOpen, $"circuit open since {circuit.OpenSince:u} ({circuit.Reason}); closes at {circuit.OpenSince + heal.CoolOff:u} or with kafka-agent reset {want.Action}", null);
        }

        var attempts = state.AttemptsSince(want.Action, now - heal.BudgetWindow);
        if (attempts >= heal.BudgetAttempts)
        {
            return (SkipReason.Budget, $"{attempts} attempts in the last {heal.BudgetWindow.TotalMinutes:0} min (budget {heal.BudgetAttempts})", null);
        }

        if (state.IsPaused(now))
        {
            return (SkipReason.Paused, $"paused until {state.Pause!.Until:u}: {state.Pause.Reason}", null);
        }

        // An operator's stop script removes its pidfile just after the process ends; a cycle woken by the exit in that
        // instant sees "pidfile left, process gone", a crash. A definitive exit therefore acts from the first cycle at
        // least ExitSettle after it was first seen; the loop looks again the moment the settle ends (RetryAt).
        if (want.Definitive && state.FindingsFirstSeen.TryGetValue(want.Finding.ToString(), out var seen) && now - seen < ExitSettle)
        {
            return (SkipReason.Grace, $"{want.Finding} seen {(now - seen).TotalSeconds:0.#} s ago: settling for {ExitSettle.TotalSeconds:0} s, an operator's stop removes its pidfile", seen + ExitSettle);
        }

        var grace = Grace(policy, want.Action);
        if (!want.Definitive && grace > TimeSpan.Zero)
        {
            var since = state.FindingsFirstSeen.TryGetValue(want.Finding.ToString(), out var first) ? first : now;
            var held = now - since;
            if (held < grace)
            {
                return (SkipReason.Grace, $"{want.Finding} held {held.TotalSeconds:0} s of {grace.TotalSeconds:0} s", since + grace);
            }
        }

        var blocking = findings.Where(f => want.Needs.Contains(f.Id)).Select(FindingKey.Of)
            .Where(k => !Fixers(k, planned).Any()).ToList();
        if (blocking.Count > 0)
        {
            return (SkipReason.Dependency, "waiting for " + string.Join(", ", blocking), null);
        }

        // After a kill -9 the dead broker's /brokers/ids/<id> lives until its session expires, and a Kafka 2.x broker
        // started before then fails with NODEEXISTS. With heal.stale_registration: delete and the broker proven dead,
        // start_kafka deletes the node first; otherwise wait: the registration watch wakes the agent when it goes.
        if (want.Action == ActionNames.StartKafka && input.Observation.Membership.Facts is { Reachable: true, Own: not null } members
            && !(heal.StaleRegistration == StaleRegistrationStrategy.Delete && input.Stale is { Proven: true }))
        {
            var why = heal.StaleRegistration == StaleRegistrationStrategy.Delete ? $"; not deleted: {input.Stale?.Detail ?? "no proof"}" : "";
            return (SkipReason.Dependency, $"waiting for the stale /brokers/ids/{members.OwnBrokerId} to expire with its ZooKeeper session (a broker started now fails with NODEEXISTS){why}", null);
        }

        if (policy.Mode == AgentMode.Observe)
        {
            return (SkipReason.Observe, "mode: observe", null);
        }

        if (ActionNames.IsDisruptive(want.Action) && state.DisruptiveHeldReason is { } held2)
        {
            return (SkipReason.Observe, $"disruptive actions held in observe until kafka-agent reset: {held2}", null);
        }

        return null;
    }

    private static TimeSpan Grace(HealPolicy policy, string action)
    {
        var grace = policy.Heal.GraceFor(action);
        return action == ActionNames.RestartZooKeeper && policy.ZooKeeperJoinGrace > grace ? policy.ZooKeeperJoinGrace : grace;
    }

    /// <summary>The actions earlier in this plan that address the finding (start_kafka may then follow them).</summary>
    private static IEnumerable<string> Fixers(FindingKey finding, List<PlannedAction> planned) => planned.Where(p => finding.Id switch
    {
        FindingIds.ZooKeeperDown => p.Action == ActionNames.StartZooKeeper,
        FindingIds.ZooKeeperHung => p.Action == ActionNames.RestartZooKeeper,
        FindingIds.DiskCritical => p.Action is ActionNames.CleanAppLogs or ActionNames.PurgeZooKeeperData,
        FindingIds.OwnershipWrong => p.Action == ActionNames.FixOwnership && p.Target == finding.Subject,
        _ => false,
    }).Select(p => p.Action);
}
