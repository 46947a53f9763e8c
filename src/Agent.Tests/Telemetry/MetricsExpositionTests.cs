using KafkaAgent.Configuration;
using KafkaAgent.Composition;
using KafkaAgent.Cycle;
using KafkaAgent.Hosting;
using KafkaAgent.TestBed.Ports;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KafkaAgent.Tests.Telemetry;

/// <summary>The real Prometheus endpoint after one real cycle, checked by Prometheus' own promtool.</summary>
[Trait("Category", "Integration")]
public sealed class MetricsExpositionTests : IDisposable
{
    private readonly HostFiles _host = new HostFiles().WithServer().WithZooKeeper(1, "a", "b", "c");

    private async Task<string> ScrapeAfterOneCycleAsync()
    {
        using var lease = PortAllocator.Allocate();
        var port = lease.Port;
        _host.WithAgentYaml();
        File.WriteAllText(_host.AgentYaml, File.ReadAllText(_host.AgentYaml).Replace("metrics:\n  enabled: false", $"metrics:\n  host: 127.0.0.1\n  port: {port}", StringComparison.Ordinal));
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAgent(settings);
        using var app = builder.Build();
        await app.StartAsync();
        try
        {
            await app.Services.GetRequiredService<IAgentCycle>().RunOnceAsync(CancellationToken.None);
            using var http = new HttpClient();
            return await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Scrape_AfterCycle_PassesPromtoolAndHasTheDesignNames()
    {
        var text = await ScrapeAfterOneCycleAsync();
        var file = Path.Combine(_host.Root, "metrics.prom");
        await File.WriteAllTextAsync(file, text);

        // scripts/test puts Prometheus' promtool on PATH (unpacked from Debian's prometheus package).
        Assert.True(Shell.Run("sh", "-c", "command -v promtool || echo missing").Trim() != "missing", "promtool is not on PATH: run scripts/test, which installs it");
        var lint = Shell.Run("sh", "-c", $"promtool check metrics < {file} 2>&1");

        Assert.True(lint.Trim().Length == 0, $"promtool: {lint}\n{text}");
        foreach (var name in new[]
        {
            "kafka_agent_check_up{", "kafka_agent_check_duration_seconds{", "kafka_agent_finding_active{finding=\"zk.down\",scope=\"host\"} 1",
            "kafka_agent_logdir_avail_bytes{", "kafka_agent_logdir_wrong_owner_files{",
            "kafka_agent_logdir_used_ratio{", "kafka_agent_build_info{", "kafka_agent_cycles_total{",
            "kafka_agent_finding_active{finding=\"disk.critical\",scope=\"host\"} 0",
            "kafka_agent_finding_active{finding=\"cluster.brokers_missing\",scope=\"cluster\"}",
            "broker_id=\"1\"", "kafka_agent_last_cycle_timestamp_seconds",
            "kafka_agent_circuit_open{action=\"start_kafka\"} 0", "kafka_agent_circuit_open{action=\"restart_zookeeper\"} 0",
            "mode=\"heal\"", "kafka_agent_remediations_skipped_total{action=\"start_zookeeper\",reason=\"grace\"} 1",
        })
        {
            Assert.True(text.Contains(name, StringComparison.Ordinal), $"missing {name} in:\n{text}");
        }

        // Series without labels: the exporter writes name{} value.
        Assert.Matches(@"(?m)^kafka_agent_zookeeper_up(\{\})? 0$", text);
        Assert.Matches(@"(?m)^kafka_agent_paused(\{\})? 0$", text);
        // Three server.N lines in zoo.cfg: three brokers expected (the alert rules compare it with brokers_registered).
        Assert.Matches(@"(?m)^kafka_agent_brokers_expected(\{\})? 3$", text);
        Assert.Matches(@"(?m)^kafka_agent_build_info\{[^}]*mode=""heal""", text);
        Assert.Matches(@"(?m)^kafka_agent_pause_expires_timestamp_seconds(\{\})? 0$", text);
    }

    public void Dispose() => _host.Dispose();
}
