using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Packaging;

/// <summary>
/// packaging/grafana/kafka-agent.json as Grafana's import needs it, and every PromQL expression in it parsed by
/// Prometheus' own promtool (each written as a recording rule, Grafana's variables replaced by sample values).
/// </summary>
public sealed partial class GrafanaDashboardTests : IDisposable
{
    private static readonly string RepositoryRoot = SandboxHost.RepositoryRoot;
    private readonly string _work = Directory.CreateTempSubdirectory("kafka-agent-dashboard-").FullName;
    private readonly JsonDocument _dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "packaging", "grafana", "kafka-agent.json")));

    private JsonElement Root => _dashboard.RootElement;

    private IEnumerable<JsonElement> Panels => Root.GetProperty("panels").EnumerateArray();

    private IEnumerable<(string Panel, string Expr)> Expressions =>
        Panels.Where(p => p.GetProperty("type").GetString() != "row")
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)));

    [Fact]
    public void Dashboard_Json_HasWhatGrafanaImportNeeds()
    {
        Assert.False(string.IsNullOrEmpty(Root.GetProperty("uid").GetString()));
        Assert.True(Root.GetProperty("uid").GetString()!.Length <= 40, "Grafana limits uids to 40 characters");
        Assert.False(string.IsNullOrEmpty(Root.GetProperty("title").GetString()));
        Assert.InRange(Root.GetProperty("schemaVersion").GetInt32(), 36, 41);
        Assert.False(Root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null, "an exported id would clash on import");

        var ids = Panels.Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var panel in Panels)
        {
            var title = panel.GetProperty("title").GetString()!;
            var grid = panel.GetProperty("gridPos");
            Assert.True(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() <= 24, $"{title}: wider than the 24-column grid");
            Assert.True(grid.GetProperty("h").GetInt32() > 0, title);
            if (panel.GetProperty("type").GetString() == "row")
            {
                continue;
            }

            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.Equal("prometheus", panel.GetProperty("datasource").GetProperty("type").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"{title}: no targets");
            Assert.True(targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count() == targets.Count, $"{title}: duplicate refId");
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()), title));
        }
    }

    [Fact]
    public void Dashboard_Rows_OneRowPerHostThroughARepeatVariable()
    {
        var variables = Root.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal("datasource", variables["datasource"].GetProperty("type").GetString());

        var repeated = Panels.Where(p => p.GetProperty("type").GetString() == "row" && p.TryGetProperty("repeat", out _)).ToList();
        var row = Assert.Single(repeated);
        var variable = variables[row.GetProperty("repeat").GetString()!];
        Assert.True(variable.GetProperty("multi").GetBoolean() && variable.GetProperty("includeAll").GetBoolean(), "the repeat variable must allow every host");
        Assert.Contains("$" + variable.GetProperty("name").GetString(), row.GetProperty("title").GetString(), StringComparison.Ordinal);
        // Panels under the repeated row (until the next row) must filter by the host.
        var under = Panels.SkipWhile(p => p.GetProperty("id").GetInt32() != row.GetProperty("id").GetInt32()).Skip(1)
            .TakeWhile(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.NotEmpty(under);
        Assert.All(under.SelectMany(p => p.GetProperty("targets").EnumerateArray()),
            t => Assert.Contains("instance=~\"$instance\"", t.GetProperty("expr").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_Expressions_PassPromtoolAndUseOnlyDefinedNames()
    {
        var variables = Root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        var recorded = RecordedNames();
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        var n = 0;
        foreach (var (panel, expr) in Expressions)
        {
            foreach (Match v in VariableReference().Matches(expr))
            {
                var name = v.Groups["name"].Value;
                Assert.True(variables.Contains(name) || name == "__rate_interval", $"{panel}: ${name} is not a dashboard variable");
            }

            foreach (Match r in RecordedReference().Matches(expr))
            {
                Assert.True(recorded.Contains(r.Value), $"{panel}: {r.Value} is not recorded by kafka-agent.rules.yml");
            }

            var sample = expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal)
                .Replace("$instance", "broker1:9464", StringComparison.Ordinal)
                .Replace("$job", "kafka-agent", StringComparison.Ordinal);
            rules.Append("      - record: dashboard:expr").Append(n++).Append(":check\n        expr: ").Append(JsonSerializer.Serialize(sample)).Append('\n');
        }

        Assert.True(n >= 15, $"only {n} expressions");
        var file = Path.Combine(_work, "dashboard.rules.yml");
        File.WriteAllText(file, rules.ToString());
        var (exit, output) = Shell.RunAllowingFailure(PrometheusTools.Promtool, "check", "rules", file);
        Assert.True(exit == 0, output);
        Assert.Contains($"SUCCESS: {n} rules found", output, StringComparison.Ordinal);
    }

    private static HashSet<string> RecordedNames() =>
        RecordLine().Matches(File.ReadAllText(Path.Combine(RepositoryRoot, "packaging", "prometheus", "kafka-agent.rules.yml")))
            .Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    public void Dispose()
    {
        _dashboard.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [GeneratedRegex(@"\$(?<name>\w+)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\b[a-z_]+:kafka_agent_[a-z_]+:[a-z0-9_]+\b")]
    private static partial Regex RecordedReference();

    [GeneratedRegex(@"(?m)^\s*- record: (?<name>\S+)$")]
    private static partial Regex RecordLine();
}
