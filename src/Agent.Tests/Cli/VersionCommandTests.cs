using KafkaAgent.Cli;

namespace KafkaAgent.Tests.Cli;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_Invoked_PrintsProductAndVersion()
    {
        var output = new StringWriter();
        var parse = AgentCommandLine.Build().Parse(["version"]);
        parse.InvocationConfiguration.Output = output;

        var exit = await parse.InvokeAsync();

        Assert.Equal(0, exit);
        Assert.StartsWith("kafka-agent 0.1.0", output.ToString(), StringComparison.Ordinal);
    }
}
