using KafkaAgent.Configuration;
using KafkaAgent.Remediation;
using KafkaAgent.Remediation.Decorators;
using KafkaAgent.State;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Remediation;

public sealed class PlanRunnerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly HealSettings Heal = HealSettings.Default with { Retries = 2, RetryDelay = TimeSpan.FromSeconds(1), ActionTimeout = TimeSpan.FromSeconds(30) };

    private readonly FakeTimeProvider _time = new(T0);
    private readonly FakeLogger _logger = new();
    private readonly InMemoryStateStore _store = new();
    private readonly TestMeterFactory _meters = new();

    private sealed class InMemoryStateStore : IStateStore
    {
        public AgentState State { get; private set; } = new();

        public AgentState Load() => State;

        public AgentState Update(Func<AgentState, AgentState> change) => State = change(State);
    }

    private sealed class FakeAction(string name, Func<int, CancellationToken, Task<ActionResult>> run) : IRemediationAction
    {
        public int Calls { get; private set; }

        public string Name => name;

        public Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken) => run(++Calls, cancellationToken);
    }

    private sealed class FakeVerifier(bool healthy) : IActionVerifier
    {
        public Task<VerifyResult> VerifyAsync(PlannedAction action, CancellationToken cancellationToken) =>
            Task.FromResult(new VerifyResult(healthy, healthy ? "verified" : "broker 1 still not in /brokers/ids"));
    }

    private sealed class FakeRecheck(bool present) : IFaultRecheck
    {
        public int Calls { get; private set; }

        public Task<RecheckResult> RecheckAsync(PlannedAction action, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new RecheckResult(present, present ? "zk.hung still there" : "gone on a fresh look; now: ZooKeeper is rejoining"));
        }
    }

    private sealed class TestMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        private readonly List<System.Diagnostics.Metrics.Meter> _meters = [];

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    public void Dispose() => _meters.Dispose();

    private static readonly PlannedAction StartKafka = new(ActionNames.StartKafka, "kafka", "kafka.down (kafka)", false, []);

    private (PlanRunner Runner, RemediationMetrics Metrics) Create(FakeAction action, bool verified = true, IDisruptiveGuard? guard = null, IFaultRecheck? recheck = null)
    {
        var metrics = new RemediationMetrics(_meters);
        var decorated = ActionPipeline.Decorate(action, new FakeVerifier(verified), metrics, Heal, _time, _logger);
        var runner = new PlanRunner(new Dictionary<string, IRemediationAction> { [action.Name] = decorated },
            guard ?? new ModeOnlyDisruptiveGuard(AgentMode.Heal), recheck ?? new FakeRecheck(true), _store, metrics, Heal, _time, new FakeLogger<PlanRunner>(_logger.Collector));
        return (runner, metrics);
    }

    private async Task<IReadOnlyList<ActionOutcome>> RunAdvancingTimeAsync(PlanRunner runner, Plan plan)
    {
        var running = runner.RunAsync(plan, CancellationToken.None);
        while (!running.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        return await running;
    }

    [Fact]
    public async Task RunAsync_TransientFailureThenSuccess_RetriesAndRecordsOneSuccess()
    {
        var action = new FakeAction(ActionNames.StartKafka, (n, _) => Task.FromResult(n < 3 ? ActionResult.Failed("systemd busy", transient: true) : ActionResult.Ok("started")));
        var (runner, _) = Create(action);
        using var total = new MetricCollector<long>(_meters, "KafkaAgent", "kafka_agent_remediations");

        var outcomes = await RunAdvancingTimeAsync(runner, new Plan([StartKafka], [], []));

        Assert.Equal(3, action.Calls);
        Assert.Equal(ActionResultKind.Success, Assert.Single(outcomes).Result);
        var measurement = Assert.Single(total.GetMeasurementSnapshot());
        Assert.Equal("success", measurement.Tags["result"]);
        Assert.Equal("success", Assert.Single(_store.State.LastActions).Result);
        Assert.Single(_store.State.Attempts[ActionNames.StartKafka]);
    }

    [Fact]
    public async Task RunAsync_CleanUpVerified_ItsAttemptsForgottenSoALaterFillIsCleanedAgain()
    {
        var clean = new PlannedAction(ActionNames.CleanAppLogs, "app_log_dir", "disk.high (/var/kafka)", false, []);
        var action = new FakeAction(ActionNames.CleanAppLogs, (_, _) => Task.FromResult(ActionResult.Ok("16 files freed")));
        var (runner, _) = Create(action);

        for (var fill = 0; fill < 4; fill++)
        {
            var outcome = Assert.Single(await RunAdvancingTimeAsync(runner, new Plan([clean], [], [])));
            Assert.Equal(ActionResultKind.Success, outcome.Result);
        }

        Assert.False(_store.State.Attempts.ContainsKey(ActionNames.CleanAppLogs));
        Assert.Equal(4, action.Calls);
    }

    [Fact]
    public async Task RunAsync_CleanUpNotVerified_AttemptCounted()
    {
        var clean = new PlannedAction(ActionNames.CleanAppLogs, "app_log_dir", "disk.high (/var/kafka)", false, []);
        var (runner, _) = Create(new FakeAction(ActionNames.CleanAppLogs, (_, _) => Task.FromResult(ActionResult.Ok("0 files freed"))), verified: false);

        await RunAdvancingTimeAsync(runner, new Plan([clean], [], []));

        Assert.Single(_store.State.Attempts[ActionNames.CleanAppLogs]);
    }

    [Fact]
    public async Task RunAsync_DefinitiveFailure_NotRetriedRecordedAsFailure()
    {
        var action = new FakeAction(ActionNames.StartKafka, (_, _) => Task.FromResult(ActionResult.Failed("server.properties: bad value")));
        var (runner, _) = Create(action);

        var outcomes = await runner.RunAsync(new Plan([StartKafka], [], []), CancellationToken.None);

        Assert.Equal(1, action.Calls);
        Assert.Equal(ActionResultKind.Failure, outcomes[0].Result);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 5002 && r.Message.Contains("server.properties: bad value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AttemptHangs_TimesOutRetriesThenFails()
    {
        var action = new FakeAction(ActionNames.StartKafka, async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct);
            return ActionResult.Ok("never");
        });
        var (runner, _) = Create(action);

        var outcomes = await RunAdvancingTimeAsync(runner, new Plan([StartKafka], [], []));

        Assert.Equal(3, action.Calls);
        Assert.Equal(ActionResultKind.Failure, outcomes[0].Result);
        Assert.Contains("timed out after 30 s", outcomes[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ActionSucceedsButVerifyFails_RecordedAsFailure()
    {
        var action = new FakeAction(ActionNames.StartKafka, (_, _) => Task.FromResult(ActionResult.Ok("started")));
        var (runner, _) = Create(action, verified: false);
        using var total = new MetricCollector<long>(_meters, "KafkaAgent", "kafka_agent_remediations");
        using var duration = new MetricCollector<double>(_meters, "KafkaAgent", "kafka_agent_remediation_duration_seconds");

        var outcomes = await runner.RunAsync(new Plan([StartKafka], [], []), CancellationToken.None);

        Assert.Equal(ActionResultKind.Failure, outcomes[0].Result);
        Assert.Contains("broker 1 still not in /brokers/ids", outcomes[0].Detail, StringComparison.Ordinal);
        Assert.Equal("failure", Assert.Single(total.GetMeasurementSnapshot()).Tags["result"]);
        Assert.Equal(ActionNames.StartKafka, Assert.Single(duration.GetMeasurementSnapshot()).Tags["action"]);
        Assert.Equal("failure", _store.State.LastActions[0].Result);
    }

    [Fact]
    public async Task RunAsync_DependencyFailed_LaterActionSkippedWithDependency()
    {
        var zk = new FakeAction(ActionNames.StartZooKeeper, (_, _) => Task.FromResult(ActionResult.Failed("no such unit")));
        var kafka = new FakeAction(ActionNames.StartKafka, (_, _) => Task.FromResult(ActionResult.Ok("started")));
        var metrics = new RemediationMetrics(_meters);
        var verifier = new FakeVerifier(true);
        var runner = new PlanRunner(
            new Dictionary<string, IRemediationAction>
            {
                [zk.Name] = ActionPipeline.Decorate(zk, verifier, metrics, Heal, _time, _logger),
                [kafka.Name] = ActionPipeline.Decorate(kafka, verifier, metrics, Heal, _time, _logger),
            },
            new ModeOnlyDisruptiveGuard(AgentMode.Heal), new FakeRecheck(true), _store, metrics, Heal, _time, new FakeLogger<PlanRunner>(_logger.Collector));
        var plan = new Plan([new(ActionNames.StartZooKeeper, "zookeeper", "zk.down", false, []), StartKafka with { DependsOn = [ActionNames.StartZooKeeper] }], [], []);

        var outcomes = await runner.RunAsync(plan, CancellationToken.None);

        Assert.Equal(0, kafka.Calls);
        Assert.Equal((ActionResultKind.Skipped, SkipReason.Dependency), (outcomes[1].Result, outcomes[1].SkipReason));
    }

    [Fact]
    public async Task RunAsync_DisruptiveDeniedByTheGuard_NotRunAndCountedAsSkipped()
    {
        var restart = new FakeAction(ActionNames.RestartKafka, (_, _) => Task.FromResult(ActionResult.Ok("restarted")));
        var (runner, _) = Create(restart, guard: new ModeOnlyDisruptiveGuard(AgentMode.Observe));
        using var skipped = new MetricCollector<long>(_meters, "KafkaAgent", "kafka_agent_remediations_skipped");

        var outcomes = await runner.RunAsync(new Plan([new(ActionNames.RestartKafka, "kafka", "broker.unregistered (1)", true, [])], [], []), CancellationToken.None);

        Assert.Equal(0, restart.Calls);
        Assert.Equal(SkipReason.Observe, outcomes[0].SkipReason);
        Assert.Equal("observe", Assert.Single(skipped.GetMeasurementSnapshot()).Tags["reason"]);
        Assert.Empty(_store.State.Attempts);
    }

    private sealed class RecordingHold : IAsyncDisposable
    {
        public bool Released { get; private set; }

        public ValueTask DisposeAsync()
        {
            Released = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class HoldingGuard(RecordingHold hold) : IDisruptiveGuard
    {
        public int Calls { get; private set; }

        public Task<GuardLease> EnterAsync(PlannedAction action, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(GuardLease.Allow("cluster lock held", hold));
        }
    }

    [Fact]
    public async Task RunAsync_DisruptiveAllowed_GuardLeaseHeldThroughActionAndVerifyThenReleased()
    {
        var hold = new RecordingHold();
        var heldDuringAction = false;
        var restart = new FakeAction(ActionNames.RestartKafka, (_, _) =>
        {
            heldDuringAction = !hold.Released;
            return Task.FromResult(ActionResult.Ok("restarted"));
        });
        var guard = new HoldingGuard(hold);
        var (runner, _) = Create(restart, guard: guard);

        var outcomes = await runner.RunAsync(new Plan([new(ActionNames.RestartKafka, "kafka", "broker.unregistered (1)", true, [])], [], []), CancellationToken.None);

        Assert.True(heldDuringAction);
        Assert.True(hold.Released);
        Assert.Equal(ActionResultKind.Success, Assert.Single(outcomes).Result);
        Assert.Equal(1, guard.Calls);
    }

    [Fact]
    public async Task RunAsync_DisruptiveFaultGoneOnAFreshLook_NotRunSkippedClearedAndNotCounted()
    {
        var hold = new RecordingHold();
        var restart = new FakeAction(ActionNames.RestartZooKeeper, (_, _) => Task.FromResult(ActionResult.Ok("restarted")));
        var recheck = new FakeRecheck(present: false);
        var (runner, _) = Create(restart, guard: new HoldingGuard(hold), recheck: recheck);
        using var skipped = new MetricCollector<long>(_meters, "KafkaAgent", "kafka_agent_remediations_skipped");

        var outcomes = await runner.RunAsync(new Plan([new(ActionNames.RestartZooKeeper, "zookeeper", "zk.hung (127.0.0.1:2181)", true, [])], [], []), CancellationToken.None);

        Assert.Equal(0, restart.Calls);
        Assert.Equal(1, recheck.Calls);
        Assert.True(hold.Released);
        Assert.Equal((ActionResultKind.Skipped, SkipReason.Cleared), (outcomes[0].Result, outcomes[0].SkipReason));
        Assert.Equal("cleared", Assert.Single(skipped.GetMeasurementSnapshot()).Tags["reason"]);
        Assert.Empty(_store.State.Attempts);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains("restart_zookeeper on zookeeper for zk.hung (127.0.0.1:2181): skipped (cleared): gone on a fresh look", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SafeAction_GuardNotAsked()
    {
        var guard = new HoldingGuard(new RecordingHold());
        var recheck = new FakeRecheck(present: false);
        var start = new FakeAction(ActionNames.StartKafka, (_, _) => Task.FromResult(ActionResult.Ok("started")));
        var (runner, _) = Create(start, guard: guard, recheck: recheck);

        await runner.RunAsync(new Plan([StartKafka], [], []), CancellationToken.None);

        Assert.Equal((1, 0, 0), (start.Calls, guard.Calls, recheck.Calls));
    }

    [Fact]
    public async Task RunAsync_CleanUpCircuitToOpen_SaysItsAttemptsDidNotFixIt()
    {
        var action = new FakeAction(ActionNames.CleanAppLogs, (_, _) => Task.FromResult(ActionResult.Ok("cleaned")));
        var (runner, _) = Create(action);

        await runner.RunAsync(new Plan([], [new SkippedAction(ActionNames.CleanAppLogs, "app_log_dir", "disk.critical (/var/log/kafka)", SkipReason.Budget, "3 attempts")], [ActionNames.CleanAppLogs]), CancellationToken.None);

        Assert.EndsWith("min did not fix it", _store.State.Circuits[ActionNames.CleanAppLogs].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CircuitToOpen_PersistedLoggedOnceAndExported()
    {
        var action = new FakeAction(ActionNames.StartKafka, (_, _) => Task.FromResult(ActionResult.Ok("started")));
        var (runner, metrics) = Create(action);
        var plan = new Plan([], [new SkippedAction(ActionNames.StartKafka, "kafka", "kafka.down (kafka)", SkipReason.Budget, "3 attempts")], [ActionNames.StartKafka]);

        await runner.RunAsync(plan, CancellationToken.None);
        await runner.RunAsync(plan with { CircuitsToOpen = [] }, CancellationToken.None);
        metrics.Observe(_store.State, _time.GetUtcNow(), Heal.CoolOff);
        using var circuit = new MetricCollector<long>(_meters, "KafkaAgent", "kafka_agent_circuit_open");
        circuit.RecordObservableInstruments();

        Assert.True(_store.State.Circuits.ContainsKey(ActionNames.StartKafka));
        Assert.Contains("each counted whether it worked or not", Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 5004).Message, StringComparison.Ordinal);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 5003);
        var open = circuit.GetMeasurementSnapshot();
        Assert.Equal(1, open.Single(m => (string)m.Tags["action"]! == ActionNames.StartKafka).Value);
        Assert.Equal(0, open.Single(m => (string)m.Tags["action"]! == ActionNames.RestartKafka).Value);
    }

}
