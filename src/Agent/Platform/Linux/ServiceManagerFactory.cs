using KafkaAgent.Configuration;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// Picks the service manager: as configured, or for auto: a pidfile when one is configured, else systemd when it
/// runs the host, else SysV. For ZooKeeper (<paramref name="unitOrScriptRequired"/>), auto picks systemd or SysV
/// only when a unit or init script of that name exists, else the runbook's scripts: the runbook starts ZooKeeper
/// with zookeeper-server-start.sh -daemon, not through a service.
/// </summary>
internal static class ServiceManagerFactory
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    private static readonly string[] UnitDirectories = ["/etc/systemd/system", "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"];

    public static IServiceManager Create(ServiceSettings service, IProcessRunner runner, TimeProvider? time = null, bool unitOrScriptRequired = false)
    {
        time ??= TimeProvider.System;
        if (OperatingSystem.IsWindows() && service.PidFile is null)
        {
            return new Windows.WindowsServiceManager(new Windows.Win32ServiceControlManager(), time);
        }

        var kind = service.Manager;
        if (kind == ServiceManagerKind.Auto)
        {
            var systemd = Directory.Exists("/run/systemd/system");
            var initScript = File.Exists($"/etc/init.d/{service.Name}");
            kind = service.PidFile is not null ? ServiceManagerKind.PidFile
                : !unitOrScriptRequired ? (systemd ? ServiceManagerKind.Systemd : ServiceManagerKind.SysV)
                : systemd && (initScript || HasUnit(service.Name)) ? ServiceManagerKind.Systemd
                : initScript ? ServiceManagerKind.SysV
                : ServiceManagerKind.Script;
        }

        return kind switch
        {
            ServiceManagerKind.Systemd => new SystemdServiceManager(runner, CommandTimeout, time),
            ServiceManagerKind.PidFile or ServiceManagerKind.Script =>
                new ScriptServiceManager(service, runner, new ProcFs(), time, UnderSystemd(), EffectiveUid()),
            _ => new SysVServiceManager(runner, CommandTimeout),
        };
    }

    /// <summary>The agent itself runs as a systemd service (its unit sets these for the main process).</summary>
    public static bool UnderSystemd() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("INVOCATION_ID"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    private static bool HasUnit(string name) =>
        UnitDirectories.Any(d => File.Exists(Path.Combine(d, name.Contains('.', StringComparison.Ordinal) ? name : name + ".service")));

    private static uint EffectiveUid() => OperatingSystem.IsWindows() ? 0 : LibC.GetEffectiveUserId();
}
