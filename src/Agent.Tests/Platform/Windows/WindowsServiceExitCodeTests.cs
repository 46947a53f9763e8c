using KafkaAgent.Hosting;
using KafkaAgent.Platform.Windows;

namespace KafkaAgent.Tests.Platform.Windows;

public sealed class WindowsServiceExitCodeTests
{
    [Fact]
    public void Win32ExitCode_CleanStop_IsZero() => Assert.Equal(0, WindowsServiceExitCode.Win32ExitCode(0));

    [Fact]
    public void Win32ExitCode_WedgedLoop_IsProcessAbortedSoRecoveryActionsRun() =>
        Assert.Equal(1067, WindowsServiceExitCode.Win32ExitCode(AgentWorker.WedgedExitCode));
}
