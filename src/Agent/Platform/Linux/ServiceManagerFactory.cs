using KafkaAgent.Configuration;

namespace KafkaAgent.Platform.Linux;

/// <summary>Picks the service manager: as configured, or for auto: a pidfile when one is configured, else systemd when it is PID 1, else SysV.</summary>
internal static class ServiceManagerFactory
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    public static IServiceManager Create(ServiceSettings service, IProcessRunner runner)
    {
        if (OperatingSystem.IsWindows() && service.PidFile is null)
        {
            return new Windows.WindowsServiceManager(new Windows.Win32ServiceControlManager());
        }

        var kind = service.Manager;
        if (kind == ServiceManagerKind.Auto)
        {
            kind = service.PidFile is not null ? ServiceManagerKind.PidFile
                : Directory.Exists("/run/systemd/system") ? ServiceManagerKind.Systemd
                : ServiceManagerKind.SysV;
        }

        return kind switch
        {
            ServiceManagerKind.Systemd => new SystemdServiceManager(runner, CommandTimeout),
            ServiceManagerKind.PidFile => new PidFileServiceManager(service.PidFile!),
            _ => new SysVServiceManager(runner, CommandTimeout),
        };
    }
}
