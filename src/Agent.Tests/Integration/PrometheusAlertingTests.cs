using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using KafkaAgent.Diagnosis;
using KafkaAgent.TestBed.Ports;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// The shipped alert rules in Debian's real Prometheus, scraping the real agent binary (`kafka-agent run`) on each
/// host of one 3-broker sandbox shared by the class (3 brokers, a 3-node ZooKeeper ensemble).
/// </summary>
/// <remarks>
/// The shipped rules wait minutes (`for:`) before an alert fires; Prometheus here loads a copy whose `for:` are all
/// <see cref="PrometheusFleet.ShortFor"/>, and scrapes and evaluates every second, so pending and firing take seconds.
/// Nothing else in the copy differs from the shipped file. The agents run in observe mode, so a fault stays until
/// the test fixes it: exactly what the alerts are for.
/// </remarks>
[Trait("Category", "Integration")]
public sealed class PrometheusAlertingTests(PrometheusFleet fleet) : IClassFixture<PrometheusFleet>
{
    [Fact]
    public void Targets_EveryAgent_UpAndHostsCountedOk()
    {
        fleet.Eventually(() =>
        {
            var targets = fleet.Prometheus.Targets();
            return targets.Count == 3 && targets.All(t => t.Health == "up");
        }, "every agent target up");
        Assert.Equal(fleet.Instances.Order(StringComparer.Ordinal), fleet.Prometheus.Targets().Select(t => t.Labels["instance"]).Order(StringComparer.Ordinal));
        Assert.All(fleet.Prometheus.Query("up{job=\"kafka-agent\"}"), s => Assert.Equal(1, s.Value));

        // The recording rule behind the dashboard's "Hosts by status": a healthy sandbox is three OK hosts.
        fleet.Eventually(() => fleet.Prometheus.Query("job:kafka_agent_hosts:count_by_status{status=\"ok\"} == 3").Count == 1, "3 hosts ok");
    }

    [Fact]
    public void Series_EveryAgent_ExportsTheExpectedSeriesAndLabels()
    {
        fleet.Eventually(() => fleet.Prometheus.Query("kafka_agent_brokers_registered == 3").Count == 3, "3 brokers registered, seen by every agent");

        foreach (var instance in fleet.Instances)
        {
            string Selector(string name) => $"{name}{{job=\"kafka-agent\",instance=\"{instance}\"}}";

            var findings = fleet.Prometheus.Query(Selector("kafka_agent_finding_active")).Select(s => s.Labels["finding"]).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(FindingIds.All.ToHashSet(StringComparer.Ordinal), findings);
            var checks = fleet.Prometheus.Query(Selector("kafka_agent_check_up")).Select(s => s.Labels["check"]).Order(StringComparer.Ordinal);
            Assert.Equal(CheckNames.All.Append(CheckNames.Agent).Order(StringComparer.Ordinal), checks);

            var build = Assert.Single(fleet.Prometheus.Query(Selector("kafka_agent_build_info")));
            Assert.Equal("observe", build.Labels["mode"]);
            Assert.Matches(@"^\d+\.\d+\.\d+", build.Labels["version"]);

            foreach (var (name, value) in new[] { ("kafka_agent_brokers_expected", 3d), ("kafka_agent_zookeeper_up", 1d), ("kafka_agent_broker_registered", 1d), ("kafka_agent_paused", 0d) })
            {
                var sample = Assert.Single(fleet.Prometheus.Query(Selector(name)));
                Assert.True(sample.Value == value, $"{name} on {instance}: {sample.Value}, expected {value}");
            }

            var logDirs = fleet.Prometheus.Query(Selector("kafka_agent_logdir_used_ratio"));
            Assert.Contains(logDirs, s => s.Labels["path"].EndsWith("/var/kafka", StringComparison.Ordinal) && s.Value is >= 0 and <= 1);
            Assert.NotEmpty(fleet.Prometheus.Query(Selector("kafka_agent_cycles_total")));
        }
    }

    [Fact]
    public void Alerts_BrokerKilledWhileObserving_PendThenFireOnceThenResolveWhenRestarted()
    {
        fleet.Eventually(() => fleet.Prometheus.Query("kafka_agent_brokers_registered == 3").Count == 3, "healthy cluster first");
        var host2 = fleet.Instances[1];
        bool NotHealed(Dictionary<string, string> l) =>
            l["alertname"] == "KafkaAgentFindingNotHealed" && l["instance"] == host2 && l["finding"] == FindingIds.KafkaDown;
        bool Missing(Dictionary<string, string> l) => l["alertname"] == "KafkaBrokersMissing";

        fleet.Sandbox.Fault("broker-kill", 2);
        try
        {
            fleet.AssertPendingThenFiring(NotHealed, "kafka.down on host 2 not healed");
            fleet.AssertPendingThenFiring(Missing, "brokers missing");
            // Three agents see 2 of 3 brokers; the alert pages once for the cluster.
            var missing = Assert.Single(fleet.Prometheus.Alerts(), a => Missing(a.Labels));
            Assert.Equal("critical", missing.Labels["severity"]);
            Assert.False(missing.Labels.ContainsKey("instance"), "KafkaBrokersMissing must not be per host");
        }
        finally
        {
            Shell.Run(Path.Combine(fleet.Sandbox.HostDir(2), "bin", "kafka-server-start.sh"), "-daemon");
        }

        fleet.Eventually(() => !fleet.Prometheus.Alerts().Any(a => NotHealed(a.Labels) || Missing(a.Labels)), "both alerts resolved after the broker is back");
        Assert.Equal(3, fleet.Prometheus.Query("kafka_agent_brokers_registered == 3").Count);
    }

    [Fact]
    public void Alerts_AgentKilled_KafkaAgentDownPendsFiresAndResolves()
    {
        var host3 = fleet.Instances[2];
        bool Down(Dictionary<string, string> l) => l["alertname"] == "KafkaAgentDown" && l["instance"] == host3;
        fleet.Eventually(() => fleet.Prometheus.Query($"up{{instance=\"{host3}\"}} == 1").Count == 1, "agent 3 scraped first");

        fleet.Agents[2].Kill();
        try
        {
            fleet.AssertPendingThenFiring(Down, "agent 3 down");
            Assert.DoesNotContain(fleet.Prometheus.Alerts(), a => a.Labels["alertname"] == "KafkaAgentDown" && a.Labels["instance"] != host3);
        }
        finally
        {
            fleet.Agents[2].Start();
        }

        fleet.Eventually(() => !fleet.Prometheus.Alerts().Any(a => Down(a.Labels)), "KafkaAgentDown resolved after the agent is back");
    }

    [Fact]
    public void Alerts_EveryAgentObserving_FleetObserveOnlyFiresOnce()
    {
        fleet.Eventually(() => fleet.Prometheus.Alerts().Any(a => a.Labels["alertname"] == "KafkaAgentFleetObserveOnly" && a.State == "firing"), "observe-only fleet");
        var alert = Assert.Single(fleet.Prometheus.Alerts(), a => a.Labels["alertname"] == "KafkaAgentFleetObserveOnly");
        Assert.Equal("kafka-agent", alert.Labels["job"]);
    }
}

/// <summary>One sandbox, one agent per host, one Prometheus; everything stopped and deleted on dispose.</summary>
public sealed partial class PrometheusFleet : IDisposable
{
    public const string ShortFor = "8s";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly List<PortLease> _ports = [];
    private readonly string _work = Directory.CreateTempSubdirectory("kafka-agent-prometheus-").FullName;

    public PrometheusFleet()
    {
        try
        {
            Sandbox = SandboxHost.Up(brokers: 3);
            Agents = Enumerable.Range(1, 3).Select(StartAgent).ToArray();
            var rules = File.ReadAllText(Path.Combine(SandboxHost.RepositoryRoot, "packaging", "prometheus", "kafka-agent.rules.yml"));
            var shortened = ForDuration().Replace(rules, "${indent}for: " + ShortFor);
            Assert.NotEqual(rules, shortened);
            File.WriteAllText(Path.Combine(_work, "kafka-agent.rules.yml"), shortened);
            Prometheus = PrometheusServer.Start(_work, $$"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - kafka-agent.rules.yml
                scrape_configs:
                  - job_name: kafka-agent
                    static_configs:
                      - targets: [{{string.Join(", ", Instances.Select(i => "'" + i + "'"))}}]
                """);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    internal SandboxHost Sandbox { get; } = null!;

    internal AgentProcess[] Agents { get; } = [];

    internal PrometheusServer Prometheus { get; } = null!;

    internal List<string> Instances { get; } = [];

    private AgentProcess StartAgent(int host)
    {
        var lease = PortAllocator.Allocate();
        _ports.Add(lease);
        Instances.Add("127.0.0.1:" + lease.Port.ToString(CultureInfo.InvariantCulture));
        var dir = Sandbox.HostDir(host);
        var config = Path.Combine(_work, $"agent-{host}.yaml");
        File.WriteAllText(config, $"""
            mode: observe
            interval_seconds: 1
            state_dir: {_work}/state-{host}
            kafka:
              server_properties: {dir}/etc/server.properties
              api_timeout_seconds: 3
              service:
                manager: pidfile
                pid_file: {dir}/run/kafka.pid
                command_match: kafka-sandbox.dll broker
            zookeeper:
              properties: {dir}/etc/zoo.cfg
              timeout_seconds: 2
            metrics:
              host: 127.0.0.1
              port: {lease.Port}
            """);
        return new AgentProcess(config, Path.Combine(_work, $"agent-{host}.log")).Start();
    }

    /// <summary>Polls every 250 ms until the condition holds; fails after 90 s with the agents' and Prometheus' logs.</summary>
    internal void Eventually(Func<bool> condition, string what)
    {
        if (!Support.Poll.Until(condition, Wait))
        {
            Assert.Fail($"not within {Wait.TotalSeconds} s: {what}\n{Diagnostics()}");
        }
    }

    /// <summary>Watches /api/v1/alerts until the matching alert fires; it must have been seen pending first.</summary>
    internal void AssertPendingThenFiring(Func<Dictionary<string, string>, bool> match, string what)
    {
        var seenPending = false;
        Eventually(() =>
        {
            var states = Prometheus.Alerts().Where(a => match(a.Labels)).Select(a => a.State).ToList();
            seenPending |= states.Contains("pending");
            return states.Contains("firing");
        }, what + " firing");
        Assert.True(seenPending, $"{what}: fired without being seen pending first (for: {ShortFor})");
    }

    private string Diagnostics() =>
        $"alerts: {string.Join("; ", Prometheus.Alerts().Select(a => string.Join(",", a.Labels.Select(l => l.Key + "=" + l.Value)) + " " + a.State))}\n"
        + string.Join("\n", Agents.Select((a, i) => $"--- agent {i + 1} ({(a.Running ? "running" : "stopped")}):\n{a.Log()}"))
        + $"\n--- prometheus:\n{Prometheus.Log()}";

    public void Dispose()
    {
        Prometheus?.Dispose();
        foreach (var agent in Agents ?? [])
        {
            agent.Dispose();
        }

        Sandbox?.Dispose();
        foreach (var lease in _ports)
        {
            lease.Dispose();
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"(?m)^(?<indent>\s+)for: \d+[mh]$")]
    private static partial Regex ForDuration();
}
