using System.Globalization;
using KafkaAgent.Configuration;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// A service with no unit of its own, run by the runbook's scripts (kafka-server-start.sh -daemon CONFIG,
/// zookeeper-server-start.sh -daemon CONFIG). Its process is found through the pidfile when one is configured,
/// else in the process table as kafka-server-stop.sh finds it (command line holding kafka.Kafka or QuorumPeerMain);
/// either way only a process whose command line names the service is ever signalled.
/// <para>
/// Start, under systemd (the agent's own unit): a transient unit through systemd-run, with the script in the
/// foreground as its main process, so the service neither inherits the agent's sandbox nor dies with the agent's
/// cgroup. Outside systemd: the script with -daemon, in a session of its own, as Kafka's user.
/// Stop: SIGTERM to the verified process, SIGKILL only after the stop timeout (<see cref="GracefulStop"/>). Without
/// a pidfile a cleanly stopped service leaves no trace, so it reads as down, not as stopped on purpose.
/// </para>
/// </summary>
internal sealed class ScriptServiceManager(
    ServiceSettings settings, IProcessRunner runner, ProcFs proc, TimeProvider time, bool underSystemd, uint effectiveUid) : IServiceManager
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly PidFileServiceManager? _pidFile = settings.PidFile is null ? null : new PidFileServiceManager(settings.PidFile, settings.CommandMatch, proc);

    public string Kind => _pidFile is null ? "script" : "pidfile";

    public Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken)
    {
        if (_pidFile is not null)
        {
            return _pidFile.GetStatusAsync(cancellationToken);
        }

        var found = proc.FindService(settings.CommandMatch);
        return Task.FromResult(found.Count switch
        {
            0 => new ServiceStatus(ServiceState.Down, null, $"no process whose command line holds '{settings.CommandMatch}'"),
            1 => new ServiceStatus(ServiceState.Running, found[0], $"pid {found[0]}, command line holds '{settings.CommandMatch}'"),
            _ => new ServiceStatus(ServiceState.Running, found[0],
                $"{found.Count} processes whose command line holds '{settings.CommandMatch}': {string.Join(", ", found)}"),
        });
    }

    public async Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(service, cancellationToken);
        if (status.State == ServiceState.Running)
        {
            return new ServiceActionResult(true, $"{service} already running: {status.Detail}");
        }

        var scripts = settings.Scripts;
        if (!File.Exists(scripts.Start))
        {
            return new ServiceActionResult(false, $"cannot start {service}: {scripts.Start} does not exist (set kafka.home)");
        }

        var (program, arguments) = underSystemd ? TransientUnit(service) : Daemon();
        var command = $"{program} {string.Join(' ', arguments)}";
        try
        {
            var result = await runner.RunAsync(program, arguments, StartTimeout, cancellationToken);
            var last = LastLine(result.Output);
            return new ServiceActionResult(result.ExitCode == 0,
                string.Create(CultureInfo.InvariantCulture, $"{command}: exit {result.ExitCode}{(last.Length > 0 ? ": " + last : "")}"));
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ServiceActionResult(false, $"{command}: {ex.Message}");
        }
    }

    public async Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(service, cancellationToken);
        if (status.State == ServiceState.Unknown)
        {
            return new ServiceActionResult(false, $"cannot stop {service}: {status.Detail}");
        }

        if (status.MainPid is not { } pid)
        {
            return new ServiceActionResult(true, $"{service} is not running: {status.Detail}");
        }

        using var process = ServiceProcess.Open(pid, settings.CommandMatch, proc, out var reason);
        if (process is null)
        {
            return new ServiceActionResult(true, $"{service} is not running: {reason}");
        }

        var result = await GracefulStop.StopAsync(process, service, stopTimeout, time, cancellationToken);
        if (result.Succeeded)
        {
            _pidFile?.RemoveIfNames(pid);
        }

        return result;
    }

    /// <summary>
    /// systemd-run: the script runs in the foreground as the transient unit's main process (with -daemon it would
    /// exit at once and systemd would stop the unit and everything in it). Java exits 143 on SIGTERM: a clean stop.
    /// </summary>
    private (string, IReadOnlyList<string>) TransientUnit(string service)
    {
        var scripts = settings.Scripts;
        return ("systemd-run", [
            $"--unit={TransientUnitName(service)}",
            "--collect",
            "--quiet",
            "--no-block",
            $"--property=User={scripts.User}",
            $"--property=Group={scripts.Group}",
            "--property=SuccessExitStatus=143",
            string.Create(CultureInfo.InvariantCulture, $"--property=TimeoutStopSec={(long)Math.Ceiling(settings.StopTimeout.TotalSeconds)}"),
            scripts.Start,
            scripts.Config,
        ]);
    }

    /// <summary>The runbook's command, as Kafka's user (setpriv when the agent runs as root), in a session of its own.</summary>
    private (string, IReadOnlyList<string>) Daemon()
    {
        var scripts = settings.Scripts;
        if (effectiveUid == scripts.Uid)
        {
            return (scripts.Start, ["-daemon", scripts.Config]);
        }

        // setpriv takes names or numbers; a numeric user has no passwd entry to take supplementary groups from.
        var numeric = uint.TryParse(scripts.User, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        return ("setpriv", [
            $"--reuid={scripts.User}",
            $"--regid={scripts.Group}",
            numeric ? "--clear-groups" : "--init-groups",
            "--",
            scripts.Start,
            "-daemon",
            scripts.Config,
        ]);
    }

    internal static string TransientUnitName(string service) => $"kafka-agent-{service}.service";

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
