using KafkaAgent.Platform;

namespace KafkaAgent.Events;

/// <summary>A service's main pid from the configured service manager: systemd's MainPID, or the pidfile's pid.</summary>
internal sealed class ServiceProcessLocator(
    string service,
    DetectionEvent exitEvent,
    Func<IReadOnlyList<string>, bool> identifies,
    string serviceName,
    IServiceManager manager) : IProcessLocator
{
    public bool Identifies(IReadOnlyList<string> commandLine) => identifies(commandLine);

    public string Service => service;

    public DetectionEvent ExitEvent => exitEvent;

    public async Task<ProcessCandidate> LocateAsync(CancellationToken cancellationToken)
    {
        var status = await manager.GetStatusAsync(serviceName, cancellationToken);
        var trusted = manager.Kind == "systemd";
        return new ProcessCandidate(status.State is ServiceState.Running or ServiceState.Starting ? status.MainPid : null, trusted,
            $"{manager.Kind}: {status.Detail}");
    }
}
