using KafkaAgent.Configuration;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.Remediation;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Remediation;

/// <summary>The fresh look before a disruptive action (<see cref="ProbeVerifier.RecheckAsync"/>) with the probes faked.</summary>
public sealed class FaultRecheckTests : IDisposable
{
    private static readonly PlannedAction RestartZooKeeper = new(ActionNames.RestartZooKeeper, "zookeeper", "zk.hung (127.0.0.1:2181)", true, []);

    private readonly HostFiles _host = new();

    public void Dispose() => _host.Dispose();

    private sealed class Probe<T>(Func<T> facts) : IProbe<T>
        where T : class
    {
        public Task<T> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(facts());
    }

    private static ZooKeeperFacts ZooKeeper(ZooKeeperReachability reachability, bool serving) =>
        new("127.0.0.1:2181", reachability, serving, serving ? "follower" : null, true, 3, "3.8.0", reachability == ZooKeeperReachability.Answered ? null : "no reply within 2000 ms");

    private ProbeVerifier Verifier(Func<ZooKeeperFacts> zooKeeper)
    {
        _host.WithServer(brokerId: 1).WithAgentYaml(zookeeperProperties: false);
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        T Unused<T>() => throw new InvalidOperationException("a restart_zookeeper recheck reads only the ZooKeeper probe");
        return new ProbeVerifier(new Probe<ZooKeeperFacts>(zooKeeper), new Probe<MembershipFacts>(Unused<MembershipFacts>),
            new Probe<KafkaServiceFacts>(Unused<KafkaServiceFacts>), new Probe<KafkaApiFacts>(Unused<KafkaApiFacts>),
            new Probe<DiskFacts>(Unused<DiskFacts>), new Probe<OwnershipFacts>(Unused<OwnershipFacts>), null, settings, TimeProvider.System);
    }

    [Fact]
    public async Task RestartZooKeeper_StillHung_Present()
    {
        var result = await Verifier(() => ZooKeeper(ZooKeeperReachability.NoAnswer, false)).RecheckAsync(RestartZooKeeper, CancellationToken.None);

        Assert.True(result.Present, result.Detail);
        Assert.Contains("does not answer", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartZooKeeper_ResumedAndRejoining_GoneThoughNotServingYet()
    {
        // A member thawed after a quorum loss answers "not currently serving" while it rejoins: not what a restart is for.
        var result = await Verifier(() => ZooKeeper(ZooKeeperReachability.Answered, false)).RecheckAsync(RestartZooKeeper, CancellationToken.None);

        Assert.False(result.Present);
        Assert.Contains("not serving", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartZooKeeper_ProbeThrows_PresentTheDecisionStands()
    {
        var result = await Verifier(() => throw new InvalidOperationException("probe bug")).RecheckAsync(RestartZooKeeper, CancellationToken.None);

        Assert.True(result.Present);
        Assert.Contains("could not look again", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafeAction_NotRechecked()
    {
        var result = await Verifier(() => throw new InvalidOperationException("not called")).RecheckAsync(
            new PlannedAction(ActionNames.StartZooKeeper, "zookeeper", "zk.down (127.0.0.1:2181)", false, []), CancellationToken.None);

        Assert.True(result.Present);
    }
}
