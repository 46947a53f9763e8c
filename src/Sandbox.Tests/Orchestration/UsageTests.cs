using KafkaAgent.Sandbox.Orchestration;

namespace KafkaAgent.Sandbox.Tests.Orchestration;

/// <summary>`kafka-sandbox --help` (what scripts/sandbox --help runs) prints the sandbox's usage.</summary>
public sealed class UsageTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "kafka-sandbox.dll");

    [Fact]
    public async Task Help_Flag_PrintsTheSandboxUsageOnStdoutAndExitsZero()
    {
        var (code, output) = await HostProcesses.RunAsync("dotnet", [Program, "--help"], TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.StartsWith("usage: scripts/sandbox COMMAND", output, StringComparison.Ordinal);
        foreach (var command in new[] { "up [--brokers", "status [--json]", "fault NAME", "down [--dir DIR]", "agent.yaml" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("broker [--user", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_AfterAVerb_PrintsTheSandboxUsage()
    {
        var output = new StringWriter();

        var code = await SandboxCommand.RunAsync(["down", "--help"], new SandboxDirectory("/nonexistent/last-dir"), output, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Equal(SandboxUsage.Text + Environment.NewLine, output.ToString());
    }

    [Fact]
    public async Task Down_NoDirAndNothingRemembered_OneErrorLineExitOne()
    {
        var error = new StringWriter();

        var code = await SandboxCommand.RunAsync(["down"], new SandboxDirectory("/nonexistent/last-dir"), TextWriter.Null, error);

        Assert.Equal(1, code);
        Assert.StartsWith("error: no --dir given", error.ToString(), StringComparison.Ordinal);
    }
}
