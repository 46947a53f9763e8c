using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Platform;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Remediation;
using KafkaAgent.State;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Remediation;

public sealed class RunbookPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly HealPolicy Heal = new(AgentMode.Heal, HealSettings.Default, HostRunsZooKeeper: true, TimeSpan.FromSeconds(20), "kafka", "zookeeper");

    private static readonly KafkaAgent.Probes.ZooKeeper.ZooKeeperFacts ZooKeeperRefused =
        Observations.ZooKeeper with { Reachability = KafkaAgent.Probes.ZooKeeper.ZooKeeperReachability.Refused };

    private static readonly KafkaAgent.Probes.Kafka.KafkaServiceFacts KafkaExited =
        Observations.Service with { State = ServiceState.Down, MainPid = null, Detail = "ActiveState=failed Result=signal" };

    private static Plan PlanFor(Observation o, AgentState? state = null, HealPolicy? policy = null, DateTimeOffset? now = null) =>
        new RunbookPlanner().Plan(new PlanInput(Diagnoser.Diagnose(o, Observations.Thresholds), o, state ?? new AgentState(), policy ?? Heal, now ?? Now));

    // After a crash, once the dead broker's session expired: its /brokers/ids node is gone.
    private static MembershipFacts Deregistered => Observations.Membership with { RegisteredIds = [2, 3], Own = null };

    private static Observation WrongOwner => Observations.Of(ownership: Observations.Ownership with
    {
        LogDirs = [new KafkaAgent.Probes.Ownership.LogDirOwnership("/var/kafka", 5000, 3, ["/var/kafka/t-0/0.log"], 0, [], null)],
    });

    [Fact]
    public void Plan_HealthyHost_PlansNothing()
    {
        var plan = PlanFor(Observations.Healthy());

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void Plan_KafkaProcessExited_StartsKafkaAtOnceDespiteGrace()
    {
        var plan = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited));

        var action = Assert.Single(plan.Actions);
        Assert.Equal(ActionNames.StartKafka, action.Action);
        Assert.Equal("kafka", action.Target);
        Assert.False(action.Disruptive);
    }

    [Fact]
    public void Plan_KilledBrokerStillRegisteredWaitStrategy_WaitsForTheStaleNode()
    {
        var policy = Heal with { Heal = HealSettings.Default with { StaleRegistration = StaleRegistrationStrategy.Wait } };
        var o = Observations.Of(service: KafkaExited);

        var plan = new RunbookPlanner().Plan(new PlanInput(Diagnoser.Diagnose(o, Observations.Thresholds), o, new AgentState(), policy, Now,
            new KafkaAgent.Coordination.StaleProof(true, "proven")));

        Assert.Empty(plan.Actions);
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal((ActionNames.StartKafka, SkipReason.Dependency), (skip.Action, skip.Reason));
    }

    [Fact]
    public void Plan_KilledBrokerStillRegisteredDeleteStrategyProven_StartsKafka()
    {
        var o = Observations.Of(service: KafkaExited);

        var plan = new RunbookPlanner().Plan(new PlanInput(Diagnoser.Diagnose(o, Observations.Thresholds), o, new AgentState(), Heal, Now,
            new KafkaAgent.Coordination.StaleProof(true, "proven")));

        Assert.Equal(ActionNames.StartKafka, Assert.Single(plan.Actions).Action);
    }

    [Fact]
    public void Plan_KilledBrokerStillRegisteredDeleteStrategyNotProven_WaitsSayingWhy()
    {
        var o = Observations.Of(service: KafkaExited);

        var plan = new RunbookPlanner().Plan(new PlanInput(Diagnoser.Diagnose(o, Observations.Thresholds), o, new AgentState(), Heal, Now,
            new KafkaAgent.Coordination.StaleProof(false, "owned by session 0x9")));

        Assert.Empty(plan.Actions);
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(SkipReason.Dependency, skip.Reason);
        Assert.EndsWith("not deleted: owned by session 0x9", skip.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ExitSeenJustNow_SkipRetriesWhenTheSettleEnds()
    {
        var o = Observations.Of(membership: Deregistered, service: KafkaExited);
        var key = FindingKey.Of(Diagnoser.Diagnose(o, Observations.Thresholds).Findings.Single(f => f.Id == FindingIds.KafkaDown)).ToString();
        var seen = Now - TimeSpan.FromMilliseconds(300);

        var plan = PlanFor(o, new AgentState().WithFindingsSeen([key], seen));

        var skip = Assert.Single(plan.Skipped);
        Assert.Equal(SkipReason.Grace, skip.Reason);
        Assert.Equal(seen + RunbookPlanner.ExitSettle, skip.RetryAt);
        Assert.Equal(seen + RunbookPlanner.ExitSettle, plan.NextRetryAt);
    }

    [Fact]
    public void Plan_KafkaStoppedByOperator_PlansNothing()
    {
        var plan = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited with { State = ServiceState.StoppedByOperator }));

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void Plan_ZooKeeperDownAndKafkaDown_StartsZooKeeperFirstAndKafkaAfterIt()
    {
        var plan = PlanFor(Observations.Of(zk: ZooKeeperRefused, membership: Deregistered, service: KafkaExited));

        Assert.Equal([ActionNames.StartZooKeeper, ActionNames.StartKafka], plan.Actions.Select(a => a.Action));
        Assert.Equal([ActionNames.StartZooKeeper], plan.Actions[1].DependsOn);
    }

    [Fact]
    public void Plan_AllFaultsAtOnce_RunbookOrderZooKeeperDiskOwnershipKafka()
    {
        var o = WrongOwner with
        {
            ZooKeeper = new(ZooKeeperRefused, TimeSpan.Zero, null),
            KafkaService = new(KafkaExited, TimeSpan.Zero, null),
            Membership = new(Deregistered, TimeSpan.Zero, null),
            Disk = new(new KafkaAgent.Probes.Disk.DiskFacts([new("/var/kafka", "log_dir", 100_000, 1_000, 0.99, 1000, 900, 0.1, null)]), TimeSpan.Zero, null),
        };

        var plan = PlanFor(o);

        Assert.Equal(
            [ActionNames.StartZooKeeper, ActionNames.CleanAppLogs, ActionNames.PurgeZooKeeperData, ActionNames.FixOwnership, ActionNames.StartKafka],
            plan.Actions.Select(a => a.Action));
        Assert.Equal("/var/kafka", plan.Actions[3].Target);
    }

    [Fact]
    public void Plan_KafkaDownWhileZooKeeperRunsElsewhereAndIsUnreachable_SkipsStartForDependency()
    {
        var policy = Heal with { HostRunsZooKeeper = false };

        var plan = PlanFor(Observations.Of(zk: ZooKeeperRefused, membership: Deregistered, service: KafkaExited), policy: policy);

        Assert.Empty(plan.Actions);
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal((ActionNames.StartKafka, SkipReason.Dependency), (skip.Action, skip.Reason));
        Assert.Contains("zk.down", skip.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(59, true)]
    [InlineData(60, false)]
    public void Plan_ZombieBroker_RestartsOnlyAfterItsGrace(int heldSeconds, bool skipped)
    {
        var o = Observations.Of(membership: Observations.Membership with { RegisteredIds = [2, 3], Own = null });
        var key = FindingKey.Of(Diagnoser.Diagnose(o, Observations.Thresholds).Findings.Single(f => f.Id == FindingIds.BrokerUnregistered)).ToString();
        var state = new AgentState().WithFindingsSeen([key], Now - TimeSpan.FromSeconds(heldSeconds));

        var plan = PlanFor(o, state);

        if (skipped)
        {
            Assert.Equal(SkipReason.Grace, Assert.Single(plan.Skipped).Reason);
            Assert.Empty(plan.Actions);
        }
        else
        {
            var action = Assert.Single(plan.Actions);
            Assert.Equal(ActionNames.RestartKafka, action.Action);
            Assert.True(action.Disruptive);
        }
    }

    private static Observation LogDirCritical =>
        Observations.Of(disk: new([new("/var/kafka", "log_dir", 100_000, 1_000, 0.99, 1000, 900, 0.1, null)]));

    [Fact]
    public void Plan_LogDirCriticalReclaimOff_OnlyTiersOneAndTwo()
    {
        var plan = PlanFor(LogDirCritical);

        Assert.Equal([ActionNames.CleanAppLogs, ActionNames.PurgeZooKeeperData], plan.Actions.Select(a => a.Action));
        Assert.DoesNotContain(plan.Skipped, s => s.Action == ActionNames.ReclaimLogDirs);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(300, false)]
    public void Plan_LogDirCriticalReclaimOn_TierThreeAfterTiersOneAndTwoOnlyPastItsGrace(int heldSeconds, bool skipped)
    {
        var key = FindingKey.Of(Diagnoser.Diagnose(LogDirCritical, Observations.Thresholds).Findings.Single(f => f.Id == FindingIds.DiskCritical)).ToString();
        var state = new AgentState().WithFindingsSeen([key], Now - TimeSpan.FromSeconds(heldSeconds));

        var plan = PlanFor(LogDirCritical, state, Heal with { ReclaimReplicated = true });

        if (skipped)
        {
            var skip = Assert.Single(plan.Skipped);
            Assert.Equal((ActionNames.ReclaimLogDirs, SkipReason.Grace), (skip.Action, skip.Reason));
            Assert.Equal([ActionNames.CleanAppLogs, ActionNames.PurgeZooKeeperData], plan.Actions.Select(a => a.Action));
        }
        else
        {
            Assert.Equal([ActionNames.CleanAppLogs, ActionNames.PurgeZooKeeperData, ActionNames.ReclaimLogDirs], plan.Actions.Select(a => a.Action));
            var reclaim = plan.Actions[2];
            Assert.Equal("/var/kafka", reclaim.Target);
            Assert.True(reclaim.Disruptive);
            Assert.Empty(reclaim.DependsOn);
        }
    }

    [Fact]
    public void Plan_ZooKeeperDataCriticalReclaimOn_NoTierThree()
    {
        var o = Observations.Of(disk: new([new("/var/lib/zookeeper", "zookeeper_data", 100_000, 1_000, 0.99, 1000, 900, 0.1, null)]));

        var plan = PlanFor(o, policy: Heal with { ReclaimReplicated = true });

        Assert.DoesNotContain(plan.Actions.Select(a => a.Action).Concat(plan.Skipped.Select(s => s.Action)), a => a == ActionNames.ReclaimLogDirs);
    }

    [Fact]
    public void Plan_ObserveMode_SkipsWithObserveWhatItWouldDo()
    {
        var plan = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited), policy: Heal with { Mode = AgentMode.Observe });

        Assert.Empty(plan.Actions);
        Assert.Equal((ActionNames.StartKafka, SkipReason.Observe), (plan.Skipped[0].Action, plan.Skipped[0].Reason));
    }

    [Fact]
    public void Plan_Paused_SkipsWithPausedUntilThePauseExpires()
    {
        var state = new AgentState().Paused(Now, TimeSpan.FromMinutes(30), "kernel upgrade");

        var during = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited), state);
        var after = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited), state, now: Now + TimeSpan.FromMinutes(30));

        Assert.Equal(SkipReason.Paused, Assert.Single(during.Skipped).Reason);
        Assert.Contains("kernel upgrade", during.Skipped[0].Detail, StringComparison.Ordinal);
        Assert.Equal(ActionNames.StartKafka, Assert.Single(after.Actions).Action);
    }

    [Fact]
    public void Plan_BudgetUsedUp_SkipsWithBudgetAndOpensTheCircuit()
    {
        var state = new AgentState();
        for (var i = 3; i >= 1; i--)
        {
            state = state.WithAttempt(ActionNames.StartKafka, Now - TimeSpan.FromMinutes(i * 10), TimeSpan.FromHours(1));
        }

        var plan = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited), state);

        Assert.Equal(SkipReason.Budget, Assert.Single(plan.Skipped).Reason);
        Assert.Equal([ActionNames.StartKafka], plan.CircuitsToOpen);
    }

    [Fact]
    public void Plan_AttemptsOlderThanTheWindow_DoNotCount()
    {
        var state = new AgentState();
        for (var i = 0; i < 3; i++)
        {
            state = state.WithAttempt(ActionNames.StartKafka, Now - TimeSpan.FromHours(2) + TimeSpan.FromMinutes(i), TimeSpan.FromHours(1));
        }

        var plan = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited), state);

        Assert.Equal(ActionNames.StartKafka, Assert.Single(plan.Actions).Action);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(7, false)]
    public void Plan_CircuitOpen_SkipsUntilTheCoolOff(int hoursLater, bool open)
    {
        SkipReason? expected = open ? SkipReason.CircuitOpen : null;
        var state = new AgentState().WithCircuitOpen(ActionNames.StartKafka, Now, "3 attempts failed");

        var plan = PlanFor(Observations.Of(membership: Deregistered, service: KafkaExited), state, now: Now + TimeSpan.FromHours(hoursLater));

        Assert.Equal(expected, (plan.Skipped.Count > 0 ? plan.Skipped[0].Reason : null));
        Assert.Equal(expected is null, plan.Actions.Count == 1);
    }

    [Fact]
    public void Plan_UnreadableStateHeld_DisruptiveInObserveSafeStillRuns()
    {
        var o = WrongOwner with { Membership = new(Observations.Membership with { RegisteredIds = [2, 3], Own = null }, TimeSpan.Zero, null) };
        var state = new AgentState { DisruptiveHeldReason = "state file was unreadable" };

        var plan = PlanFor(o, state, policy: Heal with { Heal = HealSettings.Default with { Grace = new Dictionary<string, TimeSpan>() } });

        Assert.Equal(ActionNames.FixOwnership, Assert.Single(plan.Actions).Action);
        var skip = Assert.Single(plan.Skipped);
        Assert.Equal((ActionNames.RestartKafka, SkipReason.Observe), (skip.Action, skip.Reason));
    }

    [Fact]
    public void Plan_KafkaDownAndOwnershipWrong_StartDependsOnTheFix()
    {
        var o = WrongOwner with { KafkaService = new(KafkaExited, TimeSpan.Zero, null), Membership = new(Deregistered, TimeSpan.Zero, null) };

        var plan = PlanFor(o);

        Assert.Equal([ActionNames.FixOwnership, ActionNames.StartKafka], plan.Actions.Select(a => a.Action));
        Assert.Equal([ActionNames.FixOwnership], plan.Actions[1].DependsOn);
    }

    [Fact]
    public void Plan_KafkaExitedWhileItsRegistrationLives_WaitsForTheSessionToExpire()
    {
        var plan = PlanFor(Observations.Of(service: KafkaExited));

        Assert.DoesNotContain(plan.Actions, a => a.Action == ActionNames.StartKafka);
        var skip = Assert.Single(plan.Skipped, s => s.Action == ActionNames.StartKafka);
        Assert.Equal(SkipReason.Dependency, skip.Reason);
        Assert.Contains("NODEEXISTS", skip.Detail, StringComparison.Ordinal);
    }
}
