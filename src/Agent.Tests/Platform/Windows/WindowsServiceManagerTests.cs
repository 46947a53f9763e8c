using KafkaAgent.Platform;
using KafkaAgent.Platform.Windows;

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
    public void StartAndStop_GoToTheScm()
    {
        var scm = new FakeServiceControlManager();
        var manager = new WindowsServiceManager(scm);

        manager.Stop("kafka");
        manager.Start("kafka");

        Assert.Equal(["stop kafka", "start kafka"], scm.Requests);
        Assert.Equal("scm", manager.Kind);
    }
}
