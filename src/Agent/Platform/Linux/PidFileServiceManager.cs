using System.Globalization;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// The status of a service whose start script writes a pidfile. Convention: the stop script removes the pidfile,
/// so a missing pidfile is an operator's stop, and a pidfile whose process is gone (or a zombie) is a crash. A pid
/// that now belongs to another process (pids are reused after a crash and a reboot) is not the service: the pid
/// counts only when /proc/PID/cmdline holds <paramref name="commandMatch"/>.
/// </summary>
internal sealed class PidFileServiceManager(string pidFile, string commandMatch, ProcFs proc)
{
    public string PidFile => pidFile;

    public async Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken)
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

        var state = proc.State(pid);
        if (state is null or 'Z' or 'X')
        {
            return new ServiceStatus(ServiceState.Down, null, $"pid {pid} from {pidFile} is not running");
        }

        if (!proc.IsService(pid, commandMatch))
        {
            return new ServiceStatus(ServiceState.Down, null,
                $"pid {pid} from {pidFile} is another process now (its command line lacks '{commandMatch}'): the service is not running");
        }

        return new ServiceStatus(ServiceState.Running, pid, $"pid {pid} from {pidFile}, state {state}");
    }

    /// <summary>Removes the pidfile if it still names <paramref name="pid"/> (after that process stopped).</summary>
    public void RemoveIfNames(int pid)
    {
        try
        {
            if (File.ReadAllText(pidFile).Trim() == pid.ToString(CultureInfo.InvariantCulture))
            {
                File.Delete(pidFile);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already, or not ours to remove: the status reads the process, not only the file.
        }
    }
}
