using System.Text.RegularExpressions;
using KafkaAgent.Diagnosis;
using KafkaAgent.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace KafkaAgent.Tests.Packaging;

/// <summary>
/// What promtool cannot say about packaging/prometheus: that every alert is unit-tested both ways, that each one
/// carries what an on-call person needs, and that the finding ids the rules name exist. (promtool check rules and
/// promtool test rules themselves run in scripts/test.)
/// </summary>
public sealed partial class PrometheusRulesTests
{
    private static readonly string Folder = Path.Combine(SandboxHost.RepositoryRoot, "packaging", "prometheus");

    // Findings deliberately without an alert of their own, and why.
    private static readonly Dictionary<string, string> NotAlerted = new(StringComparer.Ordinal)
    {
        [FindingIds.KafkaStoppedByOperator] = "an operator's stop is not a fault",
        [FindingIds.ZooKeeperFourLetterWordsDisabled] = "the probe falls back to a session; informational",
        [FindingIds.ClusterBrokersMissing] = "KafkaBrokersMissing, once per cluster",
        [FindingIds.ClusterIsolated] = "KafkaBrokersMissing, once per cluster",
        [FindingIds.ZooKeeperDown] = "KafkaZooKeeperNotServing",
        [FindingIds.ZooKeeperHung] = "KafkaZooKeeperNotServing",
        [FindingIds.ZooKeeperNotServing] = "KafkaZooKeeperNotServing",
        // Raised with the remediation work (FindingIds.AgentCircuitOpen); the alert reads kafka_agent_circuit_open per action.
        ["agent.circuit_open"] = "KafkaAgentCircuitOpen",
        // Every broker restart the agent heals leaves partitions under-replicated until the follower catches up.
        [FindingIds.ClusterUnderReplicated] = "expected during every heal; KafkaPartitionsUnavailable pages when it reaches min ISR",
    };

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Alerts() =>
        ((YamlSequenceNode)Load("kafka-agent.rules.yml")["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            .Where(r => r.Children.ContainsKey("alert"));

    private static string Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value ?? "" : "";

    [Fact]
    public void RulesTests_EveryAlert_HasAFiringAndASilentCase()
    {
        var cases = ((YamlSequenceNode)Load("kafka-agent.rules.test.yml")["tests"]).Cast<YamlMappingNode>()
            .Where(t => t.Children.ContainsKey("alert_rule_test"))
            .SelectMany(t => ((YamlSequenceNode)t["alert_rule_test"]).Cast<YamlMappingNode>())
            .Select(c => (Alert: Text(c, "alertname"), Fires: ((YamlSequenceNode)c["exp_alerts"]).Children.Count > 0))
            .ToList();

        var names = Alerts().Select(a => Text(a, "alert")).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(names.Count >= 10, $"only {names.Count} alerts found");
        foreach (var name in names)
        {
            Assert.True(cases.Any(c => c.Alert == name && c.Fires), $"{name}: no test case where it fires");
            Assert.True(cases.Any(c => c.Alert == name && !c.Fires), $"{name}: no test case where it stays silent");
        }

        Assert.Empty(cases.Select(c => c.Alert).Except(names, StringComparer.Ordinal));
    }

    [Fact]
    public void Rules_EveryAlert_HasSeverityForSummaryAndDescription()
    {
        foreach (var alert in Alerts())
        {
            var name = Text(alert, "alert");
            var labels = (YamlMappingNode)alert["labels"];
            var annotations = (YamlMappingNode)alert["annotations"];
            Assert.Contains(Text(labels, "severity"), new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(Text(annotations, "summary")), name);
            Assert.True(Text(annotations, "description").Length > 80, $"{name}: the description should say what to do");
            var expression = Text(alert, "expr");
            // Only metric-threshold alerts may fire on one evaluation; a state (finding, gauge) must hold a while.
            Assert.True(alert.Children.ContainsKey("for") || expression.Contains("increase30m", StringComparison.Ordinal), $"{name} has no for:");
        }
    }

    [Fact]
    public void Rules_FindingNames_AreTheAgentsAndEveryFindingIsDecided()
    {
        var named = Alerts()
            .SelectMany(a => FindingMatcher().Matches(Text(a, "expr")))
            .SelectMany(m => m.Groups["ids"].Value.Split('|'))
            // The YAML text holds PromQL's escaped dot (kafka\\.down).
            .Select(id => id.Replace(@"\\.", ".", StringComparison.Ordinal).Replace(@"\.", ".", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(named.Except(FindingIds.All, StringComparer.Ordinal));
        var undecided = FindingIds.All.Where(id => !named.Contains(id) && !NotAlerted.ContainsKey(id)).ToList();
        Assert.True(undecided.Count == 0, "findings with no alert and no reason in NotAlerted: " + string.Join(", ", undecided));
        Assert.Empty(named.Intersect(NotAlerted.Keys, StringComparer.Ordinal));
    }

    [GeneratedRegex("""finding=~?"(?<ids>[^"]+)"\}""")]
    private static partial Regex FindingMatcher();
}
