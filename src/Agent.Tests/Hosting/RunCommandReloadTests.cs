using System.Globalization;

namespace KafkaAgent.Tests.Hosting;

/// <summary>
/// <c>systemctl reload kafka-agent</c> end to end: the real <c>kafka-agent run</c> under a notify socket the test
/// owns (as systemd's Type=notify), sent SIGHUP after agent.yaml changed, once validly and once not.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RunCommandReloadTests
{
    [Fact]
    public async Task Run_SighupWithValidThenInvalidChange_AppliesTheFirstKeepsItOnTheSecond()
    {
        using var files = new Support.HostFiles().WithServer().WithAgentYaml("disk:\n  high_ratio: 0.85\n", zookeeperProperties: false);
        using var agent = NotifiedAgentProcess.Start(files.AgentYaml);
        await agent.ReceiveCycleStatusAsync();

        File.WriteAllText(files.AgentYaml, File.ReadAllText(files.AgentYaml).Replace("high_ratio: 0.85", "high_ratio: 0.8", StringComparison.Ordinal));
        agent.Signal("HUP");
        var applied = await agent.LineAsync("reload: applied");
        await agent.ReceiveUntilAsync(m => m == "READY=1");

        Assert.Contains("reload: applied 1 change(s): disk.high_ratio: 0.85 -> 0.8", applied, StringComparison.Ordinal);
        Assert.Contains("RELOADING=1", agent.Received);
        // The host it replaced stopped without telling systemd the service stops.
        Assert.DoesNotContain("STOPPING=1", agent.Received);
        await agent.ReceiveCycleStatusAsync();

        var line = File.ReadAllLines(files.AgentYaml).ToList().FindIndex(l => l.Contains("high_ratio", StringComparison.Ordinal)) + 1;
        File.WriteAllText(files.AgentYaml, File.ReadAllText(files.AgentYaml).Replace("high_ratio: 0.8", "high_ratio: 1.5", StringComparison.Ordinal));
        agent.Signal("HUP");
        var kept = await agent.LineAsync("reload: kept");

        Assert.Contains($"reload: kept the running configuration: {files.AgentYaml}:{line.ToString(CultureInfo.InvariantCulture)}: disk.high_ratio: must be between 0 and 1 (got 1.5)", kept, StringComparison.Ordinal);
        Assert.False(agent.HasExited);
        Assert.Single(agent.Output, l => l.Contains("reload: applied", StringComparison.Ordinal));
        Assert.Equal(0, await agent.StopAsync());
    }
}
