using KafkaAgent.Platform;
using KafkaAgent.Platform.Windows;
using KafkaAgent.Tests.Hosting;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Platform.Windows;

public sealed class WindowsServiceManagerTests
{
    // The enums are internal, so the cases carry their names.
    [Theory]
    [InlineData(nameof(ScmState.Running), 0, nameof(ServiceState.Running))]
    [InlineData(nameof(ScmState.StartPending), 0, nameof(ServiceState.Starting))]
    [InlineData(nameof(ScmState.StopPending), 0, nameof(ServiceState.Stopping))]
    [InlineData(nameof(ScmState.Stopped), 0, nameof(ServiceState.StoppedByOperator))]
    [InlineData(nameof(ScmState.Stopped), 1067, nameof(ServiceState.Down))]
    [InlineData(nameof(ScmState.Paused), 0, nameof(ServiceState.StoppedByOperator))]
    public async Task GetStatusAsync_ScmState_MapsToTheAgentsVocabulary(string state, int exitCode, string expected)
    {
        var scmState = Enum.Parse<ScmState>(state);
        var scm = new FakeServiceControlManager();
        scm.Services["kafka"] = new ScmServiceStatus(scmState, scmState == ScmState.Running ? 4242 : 0, exitCode, 0);

        var status = await new WindowsServiceManager(scm).GetStatusAsync("kafka", CancellationToken.None);

        Assert.Equal(Enum.Parse<ServiceState>(expected), status.State);
        Assert.Equal(scmState == ScmState.Running ? 4242 : null, status.MainPid);
    }

    [Fact]
    public async Task GetStatusAsync_ServiceSpecificExitCode_IsInTheDetail()
    {
        var scm = new FakeServiceControlManager();
        scm.Services["zookeeper"] = new ScmServiceStatus(ScmState.Stopped, 0, 1066, 3);

        var status = await new WindowsServiceManager(scm).GetStatusAsync("zookeeper", CancellationToken.None);

        Assert.Equal(ServiceState.Down, status.State);
        Assert.Equal("State=Stopped ExitCode=service-specific 3", status.Detail);
    }

    [Fact]
    public async Task GetStatusAsync_NotInstalled_IsUnknownNamingTheService()
    {
        var status = await new WindowsServiceManager(new FakeServiceControlManager()).GetStatusAsync("kafka", CancellationToken.None);

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Equal("service kafka not installed", status.Detail);
    }

    [Fact]
    public async Task GetStatusAsync_ScmRefuses_IsUnknownInsteadOfThrowing()
    {
        var status = await new WindowsServiceManager(new FakeServiceControlManager { Fail = true })
            .GetStatusAsync("kafka", CancellationToken.None);

        Assert.Equal(ServiceState.Unknown, status.State);
        Assert.Contains("Access is denied", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_StoppedService_AskedOnceAndRunning()
    {
        var scm = new FakeServiceControlManager();
        scm.Services["kafka"] = new ScmServiceStatus(ScmState.Stopped, 0, 0, 0);
        scm.OnStart = name => scm.Services[name] = new ScmServiceStatus(ScmState.Running, 42, 0, 0);
        var manager = new WindowsServiceManager(scm, new FakeTimeProvider());

        var result = await manager.StartAsync("kafka", CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(["start kafka"], scm.Requests);
        Assert.Contains("State=Running", result.Detail, StringComparison.Ordinal);
        Assert.Equal("scm", manager.Kind);
    }

    [Fact]
    public async Task StartAsync_ServiceStopsAgainAtOnce_Fails()
    {
        var scm = new FakeServiceControlManager();
        scm.Services["kafka"] = new ScmServiceStatus(ScmState.Stopped, 0, 1, 0);
        var manager = new WindowsServiceManager(scm, new FakeTimeProvider());

        var result = await manager.StartAsync("kafka", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("ExitCode=1", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ServiceStopsWithinTimeout_SucceedsWithoutKill()
    {
        var scm = new FakeServiceControlManager();
        scm.Services["kafka"] = new ScmServiceStatus(ScmState.Running, 42, 0, 0);
        scm.OnStop = name => scm.Services[name] = new ScmServiceStatus(ScmState.StopPending, 42, 0, 0);
        var time = new SteppingTimeProvider();
        var manager = new WindowsServiceManager(scm, time);

        var result = await FakeTimeDriver.DriveAsync(
            manager.StopAsync("kafka", TimeSpan.FromSeconds(120), CancellationToken.None),
            time,
            TimeSpan.FromMilliseconds(250),
            step =>
            {
                if (step == 3)
                {
                    scm.Services["kafka"] = new ScmServiceStatus(ScmState.Stopped, 0, 0, 0);
                }
            });

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(["stop kafka"], scm.Requests);
    }

    [Fact]
    public async Task StopAsync_StillStopPendingAfterTimeout_FailsAndSaysSo()
    {
        var scm = new FakeServiceControlManager();
        scm.Services["kafka"] = new ScmServiceStatus(ScmState.Running, 42, 0, 0);
        scm.OnStop = name => scm.Services[name] = new ScmServiceStatus(ScmState.StopPending, 42, 0, 0);
        var time = new SteppingTimeProvider();
        var manager = new WindowsServiceManager(scm, time);

        var result = await FakeTimeDriver.DriveAsync(manager.StopAsync("kafka", TimeSpan.FromSeconds(5), CancellationToken.None), time, TimeSpan.FromMilliseconds(250));
        Assert.False(result.Succeeded);
        Assert.Contains("ignores the stop request", result.Detail, StringComparison.Ordinal);
        Assert.Equal(["stop kafka"], scm.Requests);
    }

    [Fact]
    public async Task StopAsync_AlreadyStopped_NothingAsked()
    {
        var scm = new FakeServiceControlManager();
        scm.Services["kafka"] = new ScmServiceStatus(ScmState.Stopped, 0, 0, 0);

        var result = await new WindowsServiceManager(scm, new FakeTimeProvider()).StopAsync("kafka", TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(scm.Requests);
    }
}
