using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Tests.Integration;

/// <summary>/brokers/ids under a chroot in a real ZooKeeper, written the way Kafka writes it.</summary>
[Trait("Category", "Integration")]
public sealed class MembershipProbeIntegrationTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>, IAsyncLifetime, IDisposable
{
    private readonly HostFiles _host = new();
    private KafkaChroot _zk = null!;

    public async Task InitializeAsync() => _zk = await KafkaChroot.CreateAsync(fixture.Ensemble.ConnectionString, "/brokers", "/brokers/ids");

    private Task<string> RegisterAsync(int id, string host, int port) =>
        _zk.CreateAsync($"/brokers/ids/{id}",
            $$"""{"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},"endpoints":["PLAINTEXT://{{host}}:{{port}}"],"jmx_port":-1,"port":{{port}},"host":"{{host}}","version":4,"timestamp":"1700000000000"}""",
            CreateMode.Ephemeral);

    private async Task<(MembershipFacts Facts, string[] Findings)> ProbeAsync(int expected = 3)
    {
        _host.WithServer(brokerId: 1, zookeeperConnect: _zk.Connect, listenerPort: 9092)
            .WithAgentYaml($"cluster:\n  expected_brokers: {expected}\n", zookeeperProperties: false);
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        await using var probe = new MembershipProbe(settings);
        var facts = await probe.ProbeAsync(CancellationToken.None);
        return (facts, MembershipRules.Evaluate(facts, Observations.Service).Findings.Select(f => f.Id).ToArray());
    }

    [Fact]
    public async Task Probe_ThreeBrokersRegistered_OwnFoundNoFindings()
    {
        await RegisterAsync(1, "127.0.0.1", 9092);
        await RegisterAsync(2, "127.0.0.1", 9093);
        await RegisterAsync(3, "127.0.0.1", 9094);

        var (facts, findings) = await ProbeAsync();

        Assert.Equal([1, 2, 3], facts.RegisteredIds);
        Assert.Equal(["PLAINTEXT://127.0.0.1:9092"], facts.Own!.Endpoints);
        Assert.Empty(findings);
    }

    [Fact]
    public async Task Probe_Repeated_KeepsOneSession_NewSessionAfterExpiry()
    {
        await RegisterAsync(1, "127.0.0.1", 9092);
        _host.WithServer(brokerId: 1, zookeeperConnect: _zk.Connect, listenerPort: 9092)
            .WithAgentYaml("cluster:\n  expected_brokers: 1\n", zookeeperProperties: false);
        await using var probe = new MembershipProbe(AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>()));

        var first = await probe.ProbeAsync(CancellationToken.None);
        var held = probe.Session!;
        var second = await probe.ProbeAsync(CancellationToken.None);
        Assert.Same(held, probe.Session);

        // Closing the same session from a second client ends it on the server: the held client learns it expired.
        await (await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectionString = fixture.Ensemble.ConnectionString,
            SessionId = held.SessionId,
            SessionPassword = held.SessionPassword,
        })).DisposeAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (held.State != ZooKeeperState.Expired && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var stateBefore = held.State;
        var third = await probe.ProbeAsync(CancellationToken.None);

        Assert.True(first.Reachable && second.Reachable && third.Reachable, third.Detail);
        Assert.Equal(ZooKeeperState.Expired, stateBefore);
        Assert.Equal(ZooKeeperState.Closed, held.State); // the expired client is disposed
        Assert.NotSame(held, probe.Session);
        Assert.NotEqual(held.SessionId, probe.Session!.SessionId);
        Assert.Equal([1], third.RegisteredIds);
    }

    [Fact]
    public async Task Probe_OwnIdMissing_Unregistered()
    {
        await RegisterAsync(2, "127.0.0.1", 9093);
        await RegisterAsync(3, "127.0.0.1", 9094);

        var (_, findings) = await ProbeAsync();

        Assert.Equal([FindingIds.BrokerUnregistered, FindingIds.ClusterBrokersMissing], findings);
    }

    [Fact]
    public async Task Probe_RegisteredOnOtherPort_EndpointMismatch()
    {
        await RegisterAsync(1, "127.0.0.1", 19092);
        await RegisterAsync(2, "127.0.0.1", 9093);
        await RegisterAsync(3, "127.0.0.1", 9094);

        var (_, findings) = await ProbeAsync();

        Assert.Equal([FindingIds.BrokerEndpointMismatch], findings);
    }

    [Fact]
    public async Task Probe_OnlyOwnIdOfThree_Isolated()
    {
        await RegisterAsync(1, "127.0.0.1", 9092);

        var (_, findings) = await ProbeAsync();

        Assert.Equal([FindingIds.ClusterIsolated], findings);
    }

    [Fact]
    public async Task Probe_ChrootWithoutBrokers_EmptyNotAnError()
    {
        await _zk.DeleteAsync("/brokers/ids");

        var (facts, _) = await ProbeAsync(expected: 0);

        Assert.True(facts.Reachable);
        Assert.Empty(facts.RegisteredIds);
    }

    public async Task DisposeAsync() => await _zk.DisposeAsync();

    public void Dispose() => _host.Dispose();
}
