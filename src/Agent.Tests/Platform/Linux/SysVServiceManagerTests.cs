using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Tests.Platform.Linux;

public sealed class SysVServiceManagerTests
{
    [Theory]
    [InlineData(0, nameof(ServiceState.Running))]
    [InlineData(1, nameof(ServiceState.Down))]
    [InlineData(2, nameof(ServiceState.Down))]
    [InlineData(3, nameof(ServiceState.StoppedByOperator))]
    [InlineData(4, nameof(ServiceState.Unknown))]
    public async Task GetStatusAsync_LsbExitCodes_MappedOperatorStopApart(int exit, string expected)
    {
        var runner = new FakeProcessRunner { Answer = _ => new ProcessResult(exit, "kafka is whatever\n") };

        var status = await new SysVServiceManager(runner, TimeSpan.FromSeconds(5)).GetStatusAsync("kafka", CancellationToken.None);

        Assert.Equal(expected, status.State.ToString());
        Assert.Equal("service kafka status", runner.Commands.Single());
    }

    [Fact]
    public async Task StartAsync_ScriptSucceeds_ServiceStart()
    {
        var runner = new FakeProcessRunner { Answer = _ => new ProcessResult(0, "Starting kafka: ok\n") };

        var result = await new SysVServiceManager(runner, TimeSpan.FromSeconds(5)).StartAsync("kafka", CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("service kafka start", runner.Commands.Single());
        Assert.Contains("Starting kafka: ok", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ScriptFails_FailedWithItsLastLine()
    {
        var runner = new FakeProcessRunner { Answer = _ => new ProcessResult(1, "Stopping kafka\nkafka did not stop\n") };

        var result = await new SysVServiceManager(runner, TimeSpan.FromSeconds(5)).StopAsync("kafka", TimeSpan.FromSeconds(120), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("service kafka stop", runner.Commands.Single());
        Assert.Contains("kafka did not stop", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_Timeout_Failed()
    {
        var runner = new FakeProcessRunner { Answer = _ => throw new TimeoutException("service kafka stop did not finish within 135 s (killed)") };

        var result = await new SysVServiceManager(runner, TimeSpan.FromSeconds(5)).StopAsync("kafka", TimeSpan.FromSeconds(120), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("135 s", result.Detail, StringComparison.Ordinal);
    }
}
