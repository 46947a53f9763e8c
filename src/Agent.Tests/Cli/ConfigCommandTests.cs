using System.Text.Json;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Cli;

/// <summary><c>kafka-agent config [--json]</c>: every setting in use and where it came from, or the one-line error.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly HostFiles _host = new HostFiles().WithServer(brokerId: 3, zookeeperConnect: "127.0.0.1:2181/kafka");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Config_Table_NamesDefaultYamlLineAndServerProperties()
    {
        _host.WithAgentYaml("disk:\n  high_ratio: 0.7\n", zookeeperProperties: false);

        var (exit, output, _) = await RunAsync("config", "--config", _host.AgentYaml);

        Assert.Equal(0, exit);
        var rows = output.Split('\n').Skip(2).Where(r => r.Length > 0)
            .ToDictionary(r => r.Split(' ', 2)[0], r => r.Split(' ', 2)[1].Trim());
        var highLine = File.ReadAllLines(_host.AgentYaml).ToList().FindIndex(l => l.Contains("high_ratio", StringComparison.Ordinal)) + 1;
        Assert.Equal($"{_host.AgentYaml}: valid", output.Split('\n')[0]);
        Assert.Matches($@"^0\.7 +{_host.AgentYaml} line {highLine}$", rows["disk.high_ratio"]);
        Assert.Matches($@"^3 +server\.properties \({_host.ServerProperties}\)$", rows["kafka.broker_id"]);
        Assert.Matches(@"^10 +default$", rows["interval_seconds"]);
    }

    [Fact]
    public async Task Config_Json_EverySettingWithValueAndSource()
    {
        _host.WithAgentYaml(zookeeperProperties: false);

        var (exit, output, _) = await RunAsync("config", "--json", "--config", _host.AgentYaml);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(_host.AgentYaml, json.RootElement.GetProperty("config").GetString());
        var settings = json.RootElement.GetProperty("settings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => (Value: s.GetProperty("value").GetString(), Source: s.GetProperty("source").GetString()));
        Assert.Equal(("127.0.0.1:2181/kafka", $"server.properties ({_host.ServerProperties})"), settings["zookeeper.connect"]);
        Assert.Equal(("heal", "default"), settings["mode"]);
        Assert.Equal("none", settings["zookeeper.properties"].Value);
    }

    [Fact]
    public async Task Config_InvalidValue_ExitsConfigErrorWithOneLine()
    {
        _host.WithAgentYaml("interval_seconds: 0\n", zookeeperProperties: false);

        var (exit, output, error) = await RunAsync("config", "--config", _host.AgentYaml);

        Assert.Equal(78, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"kafka-agent: configuration error: {_host.AgentYaml}:", error, StringComparison.Ordinal);
        Assert.Contains("interval_seconds: must be between 1 and 3600 (got 0)", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    private static Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments) => AgentCli.InvokeAsync(arguments);
}
