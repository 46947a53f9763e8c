using System.ServiceProcess;
using KafkaAgent.Hosting;
using Microsoft.Extensions.Hosting;

namespace KafkaAgent.Platform.Windows;

/// <summary>
/// When the agent stops itself on a failure (a wedged loop), reports a failure exit code to the Service Control
/// Manager, so the service's recovery actions (sc.exe failure ... with failureflag 1) restart it. Without this the
/// SCM would record a clean stop.
/// </summary>
internal sealed class WindowsServiceExitCode(IHostLifetime lifetime, IHostApplicationLifetime application, AgentExit exit) : IHostedService
{
    /// <summary>ERROR_PROCESS_ABORTED: "The process terminated unexpectedly."</summary>
    internal const int ProcessAborted = 1067;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        application.ApplicationStopping.Register(() =>
        {
            if (OperatingSystem.IsWindows() && lifetime is ServiceBase service)
            {
                service.ExitCode = Win32ExitCode(exit.Code);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static int Win32ExitCode(int agentExitCode) => agentExitCode == 0 ? 0 : ProcessAborted;
}
