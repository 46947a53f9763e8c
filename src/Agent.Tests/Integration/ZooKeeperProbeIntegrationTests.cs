using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.TestBed;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>The ZooKeeper probe and its findings against real ZooKeeper processes: killed, stopped, alone, without quorum.</summary>
[Trait("Category", "Integration")]
public sealed class ZooKeeperProbeIntegrationTests(EnsembleFixture fixture) : IClassFixture<EnsembleFixture>, IDisposable
{
    private static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(60);
    private readonly HostFiles _host = new();

    private IReadOnlyList<ZooKeeperServer> Servers => fixture.Ensemble.Servers;

    private async Task<(ZooKeeperFacts Facts, string[] Findings)> ProbeAsync(ZooKeeperServer server)
    {
        _host.WithServer(zookeeperConnect: fixture.Ensemble.ConnectionString + "/kafka").WithAgentYaml();
        File.Copy(server.ConfigPath, _host.ZooKeeperProperties, overwrite: true);
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        var facts = await new ZooKeeperProbe(settings.ZooKeeper, new ZooKeeperSessionCheck()).ProbeAsync(CancellationToken.None);
        return (facts, ZooKeeperRules.Evaluate(facts).Findings.Select(f => f.Id).ToArray());
    }

    [Fact]
    public async Task Probe_HealthyMember_ServingAsLeaderOrFollower()
    {
        var (facts, findings) = await ProbeAsync(Servers[0]);

        Assert.Equal(ZooKeeperReachability.Answered, facts.Reachability);
        Assert.True(facts.Serving);
        Assert.Contains(facts.Mode, new[] { "leader", "follower" });
        Assert.Equal(3, facts.ExpectedEnsembleSize);
        Assert.Empty(findings);
    }

    [Fact]
    public async Task Probe_StoppedMember_ZkDown()
    {
        var server = Servers[2];
        await server.StopAsync();
        try
        {
            var (facts, findings) = await ProbeAsync(server);

            Assert.Equal(ZooKeeperReachability.Refused, facts.Reachability);
            Assert.Equal([FindingIds.ZooKeeperDown], findings);
        }
        finally
        {
            await server.StartAsync();
            await server.WaitUntilServingAsync(ServeTimeout);
        }
    }

    [Fact]
    public async Task Probe_SigstoppedMember_ZkHung()
    {
        var server = Servers[1];
        server.Pause();
        try
        {
            var (facts, findings) = await ProbeAsync(server);

            Assert.Equal(ZooKeeperReachability.NoAnswer, facts.Reachability);
            Assert.Equal([FindingIds.ZooKeeperHung], findings);
        }
        finally
        {
            server.Resume();
            await server.WaitUntilServingAsync(ServeTimeout);
        }
    }

    [Fact]
    public async Task Probe_MemberRestartedStandalone_StandaloneUnexpected()
    {
        var server = Servers[2];
        await server.StopAsync();
        await server.StartStandaloneAsync();
        try
        {
            await server.WaitUntilServingAsync(ServeTimeout);
            var (facts, findings) = await ProbeAsync(server);

            Assert.Equal("standalone", facts.Mode);
            Assert.Equal([FindingIds.ZooKeeperStandaloneUnexpected], findings);
        }
        finally
        {
            await server.StopAsync();
            await server.StartAsync();
            await server.WaitUntilServingAsync(ServeTimeout);
        }
    }

    [Fact]
    public async Task Probe_QuorumLost_ZkNotServing()
    {
        await Servers[1].StopAsync();
        await Servers[2].StopAsync();
        try
        {
            var (facts, findings) = await ProbeAsync(Servers[0]);

            Assert.False(facts.Serving);
            Assert.Equal([FindingIds.ZooKeeperNotServing], findings);
        }
        finally
        {
            await Servers[1].StartAsync();
            await Servers[2].StartAsync();
            await Task.WhenAll(Servers.Select(s => s.WaitUntilServingAsync(ServeTimeout)));
        }
    }

    public void Dispose() => _host.Dispose();
}
