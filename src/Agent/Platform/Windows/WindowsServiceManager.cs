using System.ComponentModel;
using System.Globalization;

namespace KafkaAgent.Platform.Windows;

/// <summary>
/// Kafka or ZooKeeper run as Windows services (e.g. wrapped by NSSM or procrun), seen through the Service
/// Control Manager. A service stopped with exit code 0 was stopped on purpose; any other code is a failure.
/// </summary>
internal sealed class WindowsServiceManager(IServiceControlManager scm) : IServiceManager
{
    private const int ErrorServiceSpecific = 1066;

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

    /// <summary>Starts the service; the caller verifies with <see cref="GetStatusAsync"/>.</summary>
    public void Start(string service) => scm.Start(service);

    /// <summary>Asks the service to stop gracefully (SERVICE_CONTROL_STOP).</summary>
    public void Stop(string service) => scm.Stop(service);

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
