using System.ComponentModel;
using System.Runtime.InteropServices;

namespace KafkaAgent.TestBed.Processes;

/// <summary>POSIX signals the test bed sends; .NET only offers SIGKILL (Process.Kill).</summary>
internal static class Signals
{
    // Linux numbering (the same on x86-64 and arm64).
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int pid, int signal)
    {
        if (NativeMethods.kill(pid, signal) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            const int NoSuchProcess = 3;
            if (error != NoSuchProcess)
            {
                throw new Win32Exception(error, $"kill({pid}, {signal}) failed");
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SA1300, IDE1006 // the C name
        public static extern int kill(int pid, int sig);
#pragma warning restore SA1300, IDE1006
    }
}
