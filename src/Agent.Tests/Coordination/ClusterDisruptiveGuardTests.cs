using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.Remediation;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Coordination;

/// <summary>The daemon's cluster guard with a fake gate and fake cluster facts: what it asks the gate and how it answers the runner.</summary>
public sealed class ClusterDisruptiveGuardTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly PlannedAction RestartKafka = new(ActionNames.RestartKafka, "kafka", "broker.unregistered (2)", true, []);
    private static readonly PlannedAction RestartZooKeeper = new(ActionNames.RestartZooKeeper, "zookeeper", "zookeeper.hung (zk)", true, []);

    private readonly HostFiles _host = new();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly FakeGate _gate = new();
    private readonly FakeHealth _health = new();
    private readonly FakeLogger<ClusterDisruptiveGuard> _logger = new();
    private AgentSettings _settings = null!;

    public void Dispose() => _host.Dispose();

    private sealed class FakeGate : IDisruptiveGate
    {
        public List<DisruptiveRequest> Requests { get; } = [];

        public Queue<Func<GateOutcome>> Answers { get; } = new();

        public Exception? Throw { get; set; }

        public Task<GateOutcome> EnterAsync(DisruptiveRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            if (Throw is { } ex)
            {
                throw ex;
            }

            return Task.FromResult(Answers.Count > 0 ? Answers.Dequeue()() : new GateOutcome(new Hold(), null, "cluster lock held; guards passed"));
        }
    }

    private sealed class FakeHealth : IClusterHealthReader
    {
        public ClusterHealthFacts Facts { get; set; } = new(true, 3, [1, 3], [1, 2, 3], 3, 0);

        public Task<ClusterHealthFacts> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Facts);
    }

    private sealed class Hold : IAsyncDisposable
    {
        public bool Released { get; private set; }

        public ValueTask DisposeAsync()
        {
            Released = true;
            return ValueTask.CompletedTask;
        }
    }

    private ClusterDisruptiveGuard Guard(string yaml = "", string serverExtra = "min.insync.replicas=2\n")
    {
        _host.WithServer(brokerId: 2, extra: serverExtra).WithAgentYaml(yaml, zookeeperProperties: false);
        _settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        return new ClusterDisruptiveGuard(_settings, _gate, _health, _time, _logger, "host-b");
    }

    [Fact]
    public async Task EnterAsync_RestartOfTheOnlyZooKeeper_AllowedWithoutTheGateThoughTheQuorumIsLost()
    {
        _host.WithServer(brokerId: 2).WithZooKeeper().WithAgentYaml();
        _settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        _health.Facts = _health.Facts with { QuorumReachable = false };
        var guard = new ClusterDisruptiveGuard(_settings, _gate, _health, _time, _logger, "host-b");

        var lease = await guard.EnterAsync(RestartZooKeeper, CancellationToken.None);

        Assert.True(lease.Allowed, lease.Detail);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task EnterAsync_RestartOfOneEnsembleMemberWithQuorumLost_RefusedMassFailure()
    {
        _host.WithServer(brokerId: 2, zookeeperConnect: "zk1:2181,zk2:2181,zk3:2181/kafka").WithZooKeeper(2181, "zk1", "zk2", "zk3").WithAgentYaml();
        _settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        _health.Facts = _health.Facts with { QuorumReachable = false };
        var guard = new ClusterDisruptiveGuard(_settings, _gate, _health, _time, _logger, "host-b");

        var lease = await guard.EnterAsync(RestartZooKeeper, CancellationToken.None);

        Assert.False(lease.Allowed);
        Assert.Equal(SkipReason.MassFailure, lease.Reason);
    }

    [Fact]
    public async Task EnterAsync_GuardsPass_LeaseHoldsTheLockUntilDisposedAndRequestCarriesTheCycleFacts()
    {
        var guard = Guard();

        var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.True(lease.Allowed);
        var request = Assert.Single(_gate.Requests);
        Assert.Equal(new LockOwner("host-b", 2, ActionNames.RestartKafka, T0.ToUnixTimeMilliseconds()), request.Owner);
        Assert.True(request.TakesBrokerDown);
        Assert.Equal(_health.Facts, request.Health);
        Assert.Equal(2, request.ServerPropertiesMinIsr);
        Assert.Equal(_settings.Kafka.AppLogDir, request.KafkaLogDir);
        Assert.Null(request.ControllerDeferredSince);
        Assert.Equal(ClusterDisruptiveGuard.LockWait, request.LockWait);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 7007);
        await lease.DisposeAsync();
    }

    [Fact]
    public async Task EnterAsync_RestartZooKeeper_DoesNotTakeTheBrokerDown()
    {
        var guard = Guard();

        await using var lease = await guard.EnterAsync(RestartZooKeeper, CancellationToken.None);

        Assert.False(Assert.Single(_gate.Requests).TakesBrokerDown);
    }

    [Fact]
    public async Task EnterAsync_LeaseDisposed_ReleasesTheGateHold()
    {
        var hold = new Hold();
        _gate.Answers.Enqueue(() => new GateOutcome(hold, null, "held"));
        var guard = Guard();

        var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);
        Assert.False(hold.Released);
        await lease.DisposeAsync();

        Assert.True(hold.Released);
    }

    [Fact]
    public async Task EnterAsync_QuorumUnreachable_MassFailureWithoutAskingTheGate()
    {
        _health.Facts = new ClusterHealthFacts(false, 3, [], [], 3, 2);
        var guard = Guard();

        var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.Equal((false, SkipReason.MassFailure), (lease.Allowed, lease.Reason));
        Assert.Contains("quorum", lease.Detail, StringComparison.Ordinal);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task EnterAsync_TwoZooKeeperMembersDown_MassFailure()
    {
        _health.Facts = new ClusterHealthFacts(true, 3, [1, 2, 3], [1, 2, 3], 3, 2);
        var guard = Guard();

        var lease = await guard.EnterAsync(RestartZooKeeper, CancellationToken.None);

        Assert.Equal(SkipReason.MassFailure, lease.Reason);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task EnterAsync_AllBrokersZombiesWithAgentsReporting_NotAMassFailure()
    {
        _health.Facts = new ClusterHealthFacts(true, 3, [], [1, 2, 3], 3, 0);
        var guard = Guard();

        await using var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.True(lease.Allowed);
    }

    [Theory]
    [InlineData("min_isr")]
    [InlineData("recovery")]
    [InlineData("lock")]
    [InlineData("mass_failure")]
    [InlineData("dependency")]
    public async Task EnterAsync_GateRefuses_SkipWithTheGatesReasonAndDetail(string reason)
    {
        _gate.Answers.Enqueue(() => new GateOutcome(null, reason, "payments-0 at min ISR 2 with broker 2 in it"));
        var guard = Guard();

        var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.Equal((false, reason, "payments-0 at min ISR 2 with broker 2 in it"), (lease.Allowed, lease.Reason?.Label(), lease.Detail));
    }

    [Fact]
    public async Task EnterAsync_ControllerDeferred_NextRequestCarriesWhenDeferralBeganUntilAllowed()
    {
        _gate.Answers.Enqueue(() => new GateOutcome(null, "dependency", "broker 2 is the controller"));
        _gate.Answers.Enqueue(() => new GateOutcome(null, "dependency", "broker 2 is the controller"));
        var guard = Guard();

        await guard.EnterAsync(RestartKafka, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        await guard.EnterAsync(RestartKafka, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        await using (await guard.EnterAsync(RestartKafka, CancellationToken.None))
        {
        }

        await using var after = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.Equal([null, T0, T0, null], _gate.Requests.Select(r => r.ControllerDeferredSince).ToArray());
    }

    [Fact]
    public async Task EnterAsync_GateCannotReadZooKeeper_LockSkip()
    {
        _gate.Throw = new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, "/controller", "connection lost");
        var guard = Guard();

        var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.Equal(SkipReason.Lock, lease.Reason);
        Assert.Contains("connection lost", lease.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnterAsync_ObserveMode_ObserveSkipWithoutReadingTheCluster()
    {
        var guard = Guard("mode: observe\n");

        var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.Equal(SkipReason.Observe, lease.Reason);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task EnterAsync_NoMinIsrInServerProperties_NullSoZooKeeperConfigsDecide()
    {
        var guard = Guard(serverExtra: "");

        await using var lease = await guard.EnterAsync(RestartKafka, CancellationToken.None);

        Assert.Null(Assert.Single(_gate.Requests).ServerPropertiesMinIsr);
    }
}
