using System.Text.Json;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Cli;

public sealed class CheckCommandTests
{
    private static Task<(int Exit, string Output, string Error)> InvokeAsync(params string[] args) => AgentCli.InvokeAsync(args);

    [Fact]
    public async Task Check_InvalidConfig_UnknownWithOneLineOnStdout()
    {
        using var host = new HostFiles().WithServer().WithZooKeeper().WithAgentYaml("interval_seconds: -5\n");

        var (exit, output, error) = await InvokeAsync("check", "--config", host.AgentYaml);

        Assert.Equal(3, exit);
        Assert.Empty(error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("UNKNOWN: configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains("interval_seconds", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_InvalidConfigJson_JsonErrorObject()
    {
        using var host = new HostFiles().WithServer().WithZooKeeper().WithAgentYaml("interval_seconds: -5\n");

        var (exit, output, _) = await InvokeAsync("check", "--json", "--config", host.AgentYaml);

        Assert.Equal(3, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("UNKNOWN", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Contains("interval_seconds", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidConfig_Exit78OnStderr()
    {
        using var host = new HostFiles().WithServer().WithZooKeeper().WithAgentYaml("interval_seconds: -5\n");

        var (exit, output, error) = await InvokeAsync("run", "--config", host.AgentYaml);

        Assert.Equal(78, exit);
        Assert.Empty(output);
        Assert.StartsWith("kafka-agent: configuration error: ", error, StringComparison.Ordinal);
    }
}
