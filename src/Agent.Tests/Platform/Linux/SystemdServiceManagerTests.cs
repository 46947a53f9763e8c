using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Hosting;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Platform.Linux;

public sealed class SystemdServiceManagerTests
{
    private static ProcessResult Show(string active, string sub, string result, int pid = 0, string load = "loaded") =>
        new(0, $"LoadState={load}\nActiveState={active}\nSubState={sub}\nResult={result}\nMainPID={pid}\n");

    [Theory]
    [InlineData("active", "running", "success", nameof(ServiceState.Running))]
    [InlineData("inactive", "dead", "success", nameof(ServiceState.StoppedByOperator))]
    [InlineData("inactive", "dead", "exit-code", nameof(ServiceState.Down))]
    [InlineData("failed", "failed", "signal", nameof(ServiceState.Down))]
    [InlineData("activating", "start", "success", nameof(ServiceState.Starting))]
    [InlineData("deactivating", "stop-sigterm", "success", nameof(ServiceState.Stopping))]
    [InlineData("maintenance", "x", "success", nameof(ServiceState.Unknown))]
    public void Interpret_States_OperatorStopIsNotAFault(string active, string sub, string result, string expected)
    {
        var status = SystemdServiceManager.Interpret("kafka.service", Show(active, sub, result, 42));

        Assert.Equal(expected, status.State.ToString());
        Assert.Contains($"ActiveState={active}", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_UnitNotFound_Unknown()
    {
        var status = SystemdServiceManager.Interpret("kafka.service", Show("inactive", "dead", "success", load: "not-found"));

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Contains("not found", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_SystemctlFails_UnknownWithItsOutput()
    {
        var status = SystemdServiceManager.Interpret("kafka.service", new ProcessResult(1, "Failed to connect to bus"));

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Contains("Failed to connect to bus", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpret_MainPid_OnlyWhenPositive()
    {
        Assert.Equal(42, SystemdServiceManager.Interpret("k", Show("active", "running", "success", 42)).MainPid);
        Assert.Null(SystemdServiceManager.Interpret("k", Show("inactive", "dead", "success", 0)).MainPid);
    }

    [Fact]
    public async Task StartAsync_UnitComesUp_QueuedStartAndSucceeds()
    {
        var runner = new FakeProcessRunner { Answer = c => c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("active", "running", "success", 7) : new(0, "") };
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), new SteppingTimeProvider());

        var result = await manager.StartAsync("kafka", CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains("systemctl start --no-block kafka.service", runner.Commands);
    }

    [Fact]
    public async Task StartAsync_InitScriptUnitActiveExited_RestartsIt()
    {
        // zookeeperd's init script as systemd runs it: RemainAfterExit=yes, no main pid; its daemon was killed.
        var restarted = false;
        var runner = new FakeProcessRunner
        {
            Answer = c =>
            {
                restarted |= c == "systemctl restart zookeeper.service";
                return c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("active", "exited", "success") : new(0, "");
            },
        };
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), new SteppingTimeProvider());

        var result = await manager.StartAsync("zookeeper", CancellationToken.None);

        Assert.True(restarted, string.Join("; ", runner.Commands));
        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains("systemctl restart zookeeper.service", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(runner.Commands, c => c.StartsWith("systemctl start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_InitScriptUnitRestartFails_FailsWithItsWords()
    {
        var runner = new FakeProcessRunner
        {
            Answer = c => c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("active", "exited", "success")
                : new(1, "Job for zookeeper.service failed because the control process exited with error code.\n"),
        };
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), new SteppingTimeProvider());

        var result = await manager.StartAsync("zookeeper", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("exit 1: Job for zookeeper.service failed", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ActiveExitedWithMainPid_StartsNotRestarts()
    {
        var runner = new FakeProcessRunner { Answer = c => c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("active", "exited", "success", 7) : new(0, "") };
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), new SteppingTimeProvider());

        await manager.StartAsync("kafka", CancellationToken.None);

        Assert.DoesNotContain(runner.Commands, c => c.StartsWith("systemctl restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_StillActivatingAfterWatch_SucceedsSayingSystemdIsOnIt()
    {
        var runner = new FakeProcessRunner { Answer = c => c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("activating", "start", "success") : new(0, "") };
        var time = new SteppingTimeProvider();
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), time);

        var result = await FakeTimeDriver.DriveAsync(manager.StartAsync("kafka", CancellationToken.None), time, TimeSpan.FromSeconds(5));

        Assert.True(result.Succeeded);
        Assert.Contains("systemd is on it", result.Detail, StringComparison.Ordinal);
        Assert.Contains("ActiveState=activating", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnitFailsAtOnce_Fails()
    {
        var runner = new FakeProcessRunner { Answer = c => c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("failed", "failed", "exit-code") : new(0, "") };
        var time = new SteppingTimeProvider();
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), time);

        var result = await FakeTimeDriver.DriveAsync(manager.StartAsync("kafka", CancellationToken.None), time, TimeSpan.FromMilliseconds(500));

        Assert.False(result.Succeeded);
        Assert.Contains("Result=exit-code", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SystemctlRefuses_FailsWithItsWords()
    {
        var runner = new FakeProcessRunner { Answer = _ => new ProcessResult(5, "Failed to start kafka.service: Unit kafka.service not found.\n") };
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), new SteppingTimeProvider());

        var result = await manager.StartAsync("kafka", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("exit 5", result.Detail, StringComparison.Ordinal);
        Assert.Contains("not found", result.Detail, StringComparison.Ordinal);
        Assert.Single(runner.Commands, c => c.StartsWith("systemctl start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopAsync_StillDeactivatingAfterStopTimeout_SucceedsSayingSystemdIsOnIt()
    {
        var runner = new FakeProcessRunner { Answer = c => c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("deactivating", "stop-sigterm", "success", 9) : new(0, "") };
        var time = new SteppingTimeProvider();
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), time);

        var result = await FakeTimeDriver.DriveAsync(manager.StopAsync("kafka", TimeSpan.FromSeconds(3), CancellationToken.None), time, TimeSpan.FromSeconds(1));

        Assert.True(result.Succeeded);
        Assert.Contains("systemd is on it", result.Detail, StringComparison.Ordinal);
        Assert.Equal("systemctl stop --no-block kafka.service", runner.Commands[0]);
        Assert.DoesNotContain(runner.Commands, c => c.Contains("kill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopAsync_UnitStops_Succeeds()
    {
        var stopped = false;
        var runner = new FakeProcessRunner();
        runner.Answer = c => c.StartsWith("systemctl stop", StringComparison.Ordinal) ? new(0, "")
            : stopped ? Show("inactive", "dead", "success") : Show("deactivating", "stop-sigterm", "success", 9);
        var time = new SteppingTimeProvider();
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), time);

        var result = await FakeTimeDriver.DriveAsync(manager.StopAsync("kafka", TimeSpan.FromSeconds(120), CancellationToken.None), time,
            TimeSpan.FromMilliseconds(250), step => stopped = step >= 2);

        Assert.True(result.Succeeded);
        Assert.Contains("ActiveState=inactive", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_StillActiveAfterStopTimeout_Fails()
    {
        var runner = new FakeProcessRunner { Answer = c => c.StartsWith("systemctl show", StringComparison.Ordinal) ? Show("active", "running", "success", 9) : new(0, "") };
        var time = new SteppingTimeProvider();
        var manager = new SystemdServiceManager(runner, TimeSpan.FromSeconds(5), time);

        var result = await FakeTimeDriver.DriveAsync(manager.StopAsync("kafka", TimeSpan.FromSeconds(2), CancellationToken.None), time, TimeSpan.FromSeconds(1));

        Assert.False(result.Succeeded);
    }
}
