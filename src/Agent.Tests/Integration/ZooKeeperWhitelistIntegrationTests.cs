using System.Text.Json;
using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.TestBed;
using KafkaAgent.Tests.Probes.ZooKeeper;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>Host files pointing the agent at one real standalone ZooKeeper.</summary>
internal static class StandaloneHost
{
    public static AgentSettings Settings(HostFiles host, ZooKeeperServer server, string connectionString)
    {
        host.WithServer(zookeeperConnect: connectionString).WithAgentYaml();
        File.Copy(server.ConfigPath, host.ZooKeeperProperties, overwrite: true);
        return AgentConfigurationLoader.Load(host.AgentYaml, new Dictionary<string, string?>());
    }
}

/// <summary>A stock ZooKeeper 3.5+ (no 4lw.commands.whitelist key: srvr only) is healthy, not a warning.</summary>
[Trait("Category", "Integration")]
public sealed class ZooKeeperStockWhitelistIntegrationTests(StockWhitelistStandaloneFixture fixture)
    : IClassFixture<StockWhitelistStandaloneFixture>, IDisposable
{
    private readonly HostFiles _host = new();

    [Fact]
    public async Task Probe_StockWhitelist_ModeAndVersionFromSrvrWithoutSession()
    {
        var settings = StandaloneHost.Settings(_host, fixture.Server, fixture.Ensemble.ConnectionString);
        var sessions = new FakeSessionCheck();
        var probe = new ZooKeeperProbe(settings.ZooKeeper, sessions);

        var first = await probe.ProbeAsync(CancellationToken.None);
        var second = await probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(ZooKeeperReachability.Answered, first.Reachability);
        Assert.True(first.Serving, first.Detail);
        Assert.True(first.FourLetterWordsWhitelisted);
        Assert.Equal("standalone", first.Mode);
        Assert.StartsWith("3.", first.Version, StringComparison.Ordinal);
        Assert.Equal(first with { Detail = null }, second with { Detail = null });
        Assert.Equal(0, sessions.Calls);
        Assert.Empty(ZooKeeperRules.Evaluate(first).Findings);
    }

    [Fact]
    public void Check_StockWhitelist_ZooKeeperRowOkWithoutFindings()
    {
        StandaloneHost.Settings(_host, fixture.Server, fixture.Ensemble.ConnectionString);
        var agent = Path.Combine(AppContext.BaseDirectory, "kafka-agent");

        // No broker runs here, so the overall status is CRITICAL; the ZooKeeper row is what a stock install decides.
        var (_, output) = Shell.RunAllowingFailure(agent, "check", "--json", "--config", _host.AgentYaml);

        using var json = JsonDocument.Parse(output);
        var row = json.RootElement.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("check").GetString() == CheckNames.ZooKeeper);
        Assert.True(row.GetProperty("status").GetString() == "OK", output);
        Assert.Equal(0, row.GetProperty("findings").GetArrayLength());
    }

    public void Dispose() => _host.Dispose();
}

/// <summary>
/// A whitelist narrowed to ruok: ZooKeeper 3.5+ still allows srvr (zkServer.sh status needs it), so the probe
/// stays on srvr and opens no session.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ZooKeeperNarrowWhitelistIntegrationTests(NarrowWhitelistStandaloneFixture fixture)
    : IClassFixture<NarrowWhitelistStandaloneFixture>, IDisposable
{
    private readonly HostFiles _host = new();

    [Fact]
    public async Task Probe_WhitelistOnlyRuok_SrvrStillAnswersNoSessionNoFinding()
    {
        var settings = StandaloneHost.Settings(_host, fixture.Server, fixture.Ensemble.ConnectionString);
        var sessions = new FakeSessionCheck();

        var facts = await new ZooKeeperProbe(settings.ZooKeeper, sessions).ProbeAsync(CancellationToken.None);

        Assert.True(facts.Serving, facts.Detail);
        Assert.True(facts.FourLetterWordsWhitelisted);
        Assert.Equal("standalone", facts.Mode);
        Assert.Equal(0, sessions.Calls);
        Assert.Empty(ZooKeeperRules.Evaluate(facts).Findings);
    }

    public void Dispose() => _host.Dispose();
}
