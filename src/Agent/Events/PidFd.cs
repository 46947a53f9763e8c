using System.Runtime.InteropServices;
using KafkaAgent.Platform.Linux;
using Microsoft.Win32.SafeHandles;

namespace KafkaAgent.Events;

/// <summary>
/// A process file descriptor (pidfd_open(2), Linux 5.3+): it refers to one process, not to a pid number, so it
/// cannot be fooled by pid reuse once opened, and poll(2) reports it readable the moment that process exits.
/// </summary>
internal sealed partial class PidFd : SafeHandleZeroOrMinusOneIsInvalid
{

    // Public for the interop marshaller, which creates handles itself (CA1419); use Open.
    public PidFd()
        : base(ownsHandle: true)
    {
    }

    /// <summary>glibc wraps pidfd_open only since 2.36; the raw syscall works on every kernel that has it.</summary>
    private static long SyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        // New syscalls share one number across architectures since Linux 5.1 (pidfd_open came in 5.3).
        Architecture.X64 => 434,
        Architecture.Arm64 => 434,
        var other => throw new PlatformNotSupportedException($"pidfd_open: no syscall number known for {other}"),
    };

    /// <summary>Opens a pidfd for <paramref name="pid"/>.</summary>
    /// <returns>Null when the process does not exist (ESRCH).</returns>
    /// <exception cref="IOException">Any other failure (ENOSYS on kernels before 5.3, EPERM, EMFILE), naming the pid.</exception>
    public static PidFd? Open(int pid)
    {
        var fd = Syscall(SyscallNumber, pid, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == 3 ? null : throw new IOException($"pidfd_open({pid}): {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
        var handle = new PidFd();
        handle.SetHandle((nint)fd);
        return handle;
    }

    /// <summary>Blocks up to <paramref name="timeout"/> for the process to exit.</summary>
    /// <returns>True once it has exited (also when it is a zombie nobody reaped yet).</returns>
    public unsafe bool WaitForExit(TimeSpan timeout)
    {
        var fds = new LibC.PollFd { Fd = (int)handle, Events = LibC.PollIn };
        var ms = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        while (true)
        {
            var ready = LibC.Poll(&fds, 1, ms);
            if (ready >= 0)
            {
                return ready > 0 && (fds.Revents & LibC.PollIn) != 0;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
            {
                throw new IOException($"poll on a pidfd: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
            }
        }
    }

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;

    // syscall(2) is variadic; integer arguments travel in the same registers as for a fixed signature on x64 and
    // on Linux arm64, so a fixed (long, int, uint) import is a correct call.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int pid, uint flags);
}
