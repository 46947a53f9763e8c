using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Tests.Platform.Linux;

/// <summary>The LSB `status` exit codes: 3 (stopped cleanly) is an operator's stop, 1 and 2 (dead, pidfile or lock left) a crash.</summary>
public sealed class SysVServiceManagerTests
{
    private static Task<ServiceStatus> StatusAsync(FakeProcessRunner runner) =>
        new SysVServiceManager(runner, TimeSpan.FromSeconds(5)).GetStatusAsync("kafka", CancellationToken.None);

    [Theory]
    [InlineData(0, nameof(ServiceState.Running))]
    [InlineData(1, nameof(ServiceState.Down))]
    [InlineData(2, nameof(ServiceState.Down))]
    [InlineData(3, nameof(ServiceState.StoppedByOperator))]
    [InlineData(4, nameof(ServiceState.Unknown))]
    [InlineData(150, nameof(ServiceState.Unknown))]
    public async Task GetStatusAsync_LsbExitCode_Mapped(int exit, string expected)
    {
        var runner = new FakeProcessRunner(new ProcessResult(exit, "kafka is whatever\nsecond line\n"));

        var status = await StatusAsync(runner);

        Assert.Equal(Enum.Parse<ServiceState>(expected), status.State);
        Assert.Equal($"service kafka status: exit {exit} kafka is whatever", status.Detail);
        Assert.Equal(["service kafka status"], runner.Commands);
    }

    [Fact]
    public async Task GetStatusAsync_NoServiceCommand_UnknownNotThrown()
    {
        var runner = new FakeProcessRunner(failure: new System.ComponentModel.Win32Exception(2, "No such file or directory"));

        var status = await StatusAsync(runner);

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Equal("service kafka status: No such file or directory", status.Detail);
    }
}
