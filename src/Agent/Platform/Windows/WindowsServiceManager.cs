using System.ComponentModel;
using System.Globalization;

namespace KafkaAgent.Platform.Windows;

/// <summary>
/// Kafka or ZooKeeper run as Windows services (e.g. wrapped by NSSM or procrun), seen through the Service
/// Control Manager. A service stopped with exit code 0 was stopped on purpose; any other code is a failure.
/// Start and stop go to the SCM (SERVICE_CONTROL_STOP is the service's own graceful stop); the agent then watches
/// the state. The SCM never kills a service that ignores the stop, and neither does the agent: a service still
/// stopping after the stop timeout is a failed stop, for an operator to look at.
/// </summary>
internal sealed class WindowsServiceManager(IServiceControlManager scm, TimeProvider time) : IServiceManager
{
    private const int ErrorServiceSpecific = 1066;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StartWatch = TimeSpan.FromSeconds(30);

    public WindowsServiceManager(IServiceControlManager scm)
        : this(scm, TimeProvider.System)
    {
    }

    public string Kind => "scm";

    public Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken)
    {
        ScmServiceStatus? status;
        try
        {
            status = scm.Query(service);
        }
        catch (Win32Exception ex)
        {
            return Task.FromResult(new ServiceStatus(ServiceState.Unknown, null, $"SCM query {service}: {ex.Message}"));
        }

        return Task.FromResult(status is null
            ? new ServiceStatus(ServiceState.Unknown, null, $"service {service} not installed")
            : Interpret(status));
    }

    public Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken) =>
        ActAsync(service, "start", scm.Start, StartWatch, ServiceState.Running, ServiceState.Starting, cancellationToken);

    public Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken) =>
        ActAsync(service, "stop", scm.Stop, stopTimeout, ServiceState.StoppedByOperator, ServiceState.Stopping, cancellationToken);

    private async Task<ServiceActionResult> ActAsync(
        string service, string verb, Action<string> request, TimeSpan watch, ServiceState done, ServiceState pending, CancellationToken cancellationToken)
    {
        var before = await GetStatusAsync(service, cancellationToken);
        if (before.State == done || (verb == "stop" && before.State == ServiceState.Down))
        {
            return new ServiceActionResult(true, $"SCM {verb} {service}: nothing to do ({before.Detail})");
        }

        try
        {
            request(service);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            return new ServiceActionResult(false, $"SCM {verb} {service}: {ex.Message}");
        }

        var started = time.GetTimestamp();
        while (true)
        {
            var status = await GetStatusAsync(service, cancellationToken);
            if (status.State == done || (verb == "stop" && status.State == ServiceState.Down))
            {
                return new ServiceActionResult(true, $"SCM {verb} {service}: {status.Detail}");
            }

            if (verb == "start" && status.State == ServiceState.Starting && time.GetElapsedTime(started) >= watch)
            {
                return new ServiceActionResult(true, $"SCM {verb} {service}: the SCM is still starting it ({status.Detail})");
            }

            if (time.GetElapsedTime(started) >= watch || (verb == "start" && status.State is ServiceState.Down or ServiceState.Unknown))
            {
                return new ServiceActionResult(false, string.Create(CultureInfo.InvariantCulture,
                    $"SCM {verb} {service}: {status.Detail} after {time.GetElapsedTime(started).TotalSeconds:0.#} s{(status.State == pending && verb == "stop" ? "; it ignores the stop request" : "")}"));
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    internal static ServiceStatus Interpret(ScmServiceStatus status)
    {
        var exit = status.Win32ExitCode == ErrorServiceSpecific
            ? string.Create(CultureInfo.InvariantCulture, $"service-specific {status.ServiceSpecificExitCode}")
            : status.Win32ExitCode.ToString(CultureInfo.InvariantCulture);
        var detail = $"State={status.State} ExitCode={exit}";
        int? pid = status.ProcessId > 0 ? status.ProcessId : null;
        var state = status.State switch
        {
            ScmState.Running or ScmState.ContinuePending => ServiceState.Running,
            ScmState.StartPending => ServiceState.Starting,
            ScmState.StopPending or ScmState.PausePending => ServiceState.Stopping,
            // A paused Kafka serves nothing, but someone paused it on purpose.
            ScmState.Paused => ServiceState.StoppedByOperator,
            ScmState.Stopped when status.Win32ExitCode == 0 => ServiceState.StoppedByOperator,
            ScmState.Stopped => ServiceState.Down,
            _ => ServiceState.Unknown,
        };
        return new ServiceStatus(state, pid, detail);
    }
}
