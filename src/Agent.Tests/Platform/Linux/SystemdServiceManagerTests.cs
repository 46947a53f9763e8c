using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Tests.Platform.Linux;

/// <summary>
/// `systemctl show` output as systemd 252 (Debian 12) prints it. The line that matters most: an operator's
/// `systemctl stop` (inactive, Result=success) must never read as a fault the agent would heal.
/// </summary>
public sealed class SystemdServiceManagerTests
{
    private static ServiceStatus Interpret(string active, string sub, string result, int mainPid = 0, string load = "loaded", int exit = 0) =>
        SystemdServiceManager.Interpret("kafka.service", new ProcessResult(exit,
            $"LoadState={load}\nActiveState={active}\nSubState={sub}\nResult={result}\nMainPID={mainPid}\n"));

    [Fact]
    public void Interpret_OperatorStop_StoppedByOperatorNotDown()
    {
        var status = Interpret("inactive", "dead", "success");

        Assert.Equal(ServiceState.StoppedByOperator, status.State);
        Assert.Null(status.MainPid);
        Assert.Equal("ActiveState=inactive SubState=dead Result=success", status.Detail);
    }

    [Theory]
    [InlineData("failed", "failed", "exit-code")]   // the JVM exited non-zero
    [InlineData("failed", "failed", "signal")]      // kill -9
    [InlineData("inactive", "dead", "exit-code")]  // failed unit already reset to inactive
    [InlineData("failed", "failed", "watchdog")]
    [InlineData("failed", "failed", "oom-kill")]
    public void Interpret_Fault_Down(string active, string sub, string result)
    {
        Assert.Equal(ServiceState.Down, Interpret(active, sub, result).State);
    }

    [Fact]
    public void Interpret_Running_RunningWithMainPid()
    {
        var status = Interpret("active", "running", "success", mainPid: 4242);

        Assert.Equal(ServiceState.Running, status.State);
        Assert.Equal(4242, status.MainPid);
    }

    [Theory]
    [InlineData("activating", nameof(ServiceState.Starting))]
    [InlineData("deactivating", nameof(ServiceState.Stopping))]
    [InlineData("reloading", nameof(ServiceState.Running))]
    [InlineData("maintenance", nameof(ServiceState.Unknown))]
    public void Interpret_TransitionalStates_Mapped(string active, string expected)
    {
        Assert.Equal(Enum.Parse<ServiceState>(expected), Interpret(active, "start", "success").State);
    }

    [Fact]
    public void Interpret_UnitNotFound_UnknownNamingTheUnit()
    {
        var status = Interpret("inactive", "dead", "success", load: "not-found");

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Equal("unit kafka.service not found", status.Detail);
    }

    [Fact]
    public void Interpret_SystemctlFailed_Unknown()
    {
        var status = SystemdServiceManager.Interpret("kafka.service", new ProcessResult(1, "Failed to connect to bus: No such file or directory\n"));

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Contains("Failed to connect to bus", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_NameWithoutSuffix_AsksForTheServiceUnit()
    {
        var runner = new FakeProcessRunner(new ProcessResult(0, "LoadState=loaded\nActiveState=active\nSubState=running\nResult=success\nMainPID=7\n"));

        var status = await new SystemdServiceManager(runner, TimeSpan.FromSeconds(5)).GetStatusAsync("kafka", CancellationToken.None);

        Assert.Equal(["systemctl show kafka.service --property=LoadState,ActiveState,SubState,Result,MainPID"], runner.Commands);
        Assert.Equal(ServiceState.Running, status.State);
    }

    [Fact]
    public async Task GetStatusAsync_SystemctlTimesOut_Unknown()
    {
        var runner = new FakeProcessRunner(failure: new TimeoutException("systemctl did not finish within 5 s"));

        var status = await new SystemdServiceManager(runner, TimeSpan.FromSeconds(5)).GetStatusAsync("kafka", CancellationToken.None);

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Contains("did not finish", status.Detail, StringComparison.Ordinal);
    }
}
