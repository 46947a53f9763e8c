namespace KafkaAgent.Tests.Hosting;

/// <summary>
/// Runs the real <c>kafka-agent run</c> process against a notify socket the test owns, as systemd would for a
/// Type=notify unit, and checks the sd_notify conversation end to end.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RunCommandNotifyTests
{
    [Fact]
    public async Task Run_UnderNotifySocket_SendsReadyStatusWatchdogThenStoppingOnSigterm()
    {
        using var files = new Support.HostFiles().WithServer().WithAgentYaml(zookeeperProperties: false);
        using var agent = NotifiedAgentProcess.Start(files.AgentYaml, watchdogUsec: 1_000_000);

        await agent.ReceiveUntilAsync(m => m == "READY=1");
        await agent.ReceiveCycleStatusAsync();
        await agent.ReceiveUntilAsync(m => m == "WATCHDOG=1");
        var exitCode = await agent.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.True(agent.Received.IndexOf("READY=1") < agent.Received.IndexOf("STOPPING=1"));
    }
}
