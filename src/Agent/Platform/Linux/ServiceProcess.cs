using System.Runtime.InteropServices;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// A verified service process held through a pidfd: opened first, then checked (alive, command line names the
/// service), so every later signal goes to exactly that process even if it exits and its pid is reused.
/// </summary>
internal sealed partial class ServiceProcess : IDisposable
{
    private int _pidFd;

    private ServiceProcess(int pid, int pidFd)
    {
        Pid = pid;
        this._pidFd = pidFd;
    }

    public int Pid { get; }

    /// <summary>Null (with the reason) when <paramref name="pid"/> is gone or is not the service.</summary>
    public static ServiceProcess? Open(int pid, string match, ProcFs proc, out string reason)
    {
        var fd = PidFdOpen(pid, 0);
        if (fd < 0)
        {
            reason = $"pid {pid} is not running";
            return null;
        }

        // Checked after the pidfd is open: the pidfd now pins this very process.
        if (!proc.IsService(pid, match))
        {
            _ = LibC.Close(fd);
            reason = proc.IsAlive(pid)
                ? $"pid {pid} is another process now ({Shorten(proc.CommandLine(pid))}), not one whose command line holds '{match}'"
                : $"pid {pid} is not running";
            return null;
        }

        reason = "";
        return new ServiceProcess(pid, fd);
    }

    /// <summary>Sends a signal to this process only; false when it has already exited.</summary>
    public bool Signal(int signal) => PidFdSendSignal(_pidFd, signal, 0, 0) == 0;

    /// <summary>The process has exited (a zombie waiting for its parent counts as exited).</summary>
    public unsafe bool HasExited()
    {
        var poll = new LibC.PollFd { Fd = _pidFd, Events = LibC.PollIn };
        return LibC.Poll(&poll, 1, 0) > 0 && (poll.Revents & LibC.PollIn) != 0;
    }

    public void Dispose()
    {
        if (_pidFd >= 0)
        {
            _ = LibC.Close(_pidFd);
            _pidFd = -1;
        }
    }

    private static string Shorten(string? commandLine) =>
        commandLine is null ? "gone" : commandLine.Length <= 120 ? commandLine : commandLine[..120] + "...";

    [LibraryImport("libc", EntryPoint = "pidfd_open", SetLastError = true)]
    private static partial int PidFdOpen(int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "pidfd_send_signal", SetLastError = true)]
    private static partial int PidFdSendSignal(int pidFd, int signal, nint info, uint flags);
}
