using System.Globalization;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// A service started by a script that writes a pidfile (kafka-server-start.sh -daemon and a wrapper).
/// Convention: the stop script removes the pidfile, so a missing pidfile is an operator's stop, and a
/// pidfile whose process is gone (or a zombie) is a crash.
/// </summary>
internal sealed class PidFileServiceManager(string pidFile, string procRoot = "/proc") : IServiceManager
{
    public string Kind => "pidfile";

    public async Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await File.ReadAllTextAsync(pidFile, cancellationToken)).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ServiceStatus(ServiceState.StoppedByOperator, null, $"no pidfile {pidFile}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ServiceStatus(ServiceState.Unknown, null, $"cannot read {pidFile}: {ex.Message}");
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return new ServiceStatus(ServiceState.Unknown, null, $"{pidFile} holds '{text}', not a pid");
        }

        var state = ProcessState(pid);
        return state switch
        {
            null or 'Z' or 'X' => new ServiceStatus(ServiceState.Down, null, $"pid {pid} from {pidFile} is not running"),
            _ => new ServiceStatus(ServiceState.Running, pid, $"pid {pid} from {pidFile}, state {state}"),
        };
    }

    /// <summary>The state letter of /proc/PID/stat (R, S, D, T, Z...), null when there is no such process.</summary>
    private char? ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat"));
            // "pid (comm) S ...": comm may hold spaces and parentheses, so look after the last ')'.
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length ? stat[close + 2] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
