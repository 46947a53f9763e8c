using System.Runtime.InteropServices;

namespace KafkaAgent.Platform.Linux;

// Not shared with the sandbox's LibC: other calls, and the agent carries none of the sandbox's setuid or kill.
/// <summary>
/// The few C library calls the probes and the remediation seams need. statx is used instead of lstat because its struct has the same
/// layout on every architecture (x64, arm64), so no per-architecture struct stat is needed.
/// </summary>
internal static unsafe partial class LibC
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8, StatxGid = 0x10, StatxMtime = 0x40, StatxCtime = 0x80;
    public const uint StatxNlink = 0x4, StatxSize = 0x200, StatxBlocks = 0x400;
    public const int AtRemoveDir = 0x200;
    public const int ENOENT = 2, ESRCH = 3, EINTR = 4, EACCES = 13, ENOTDIR = 20, EROFS = 30, ELOOP = 40;
    public const int SigKill = 9, SigTerm = 15, SigCont = 18;
    public const byte DtUnknown = 0, DtDir = 4, DtLnk = 10;
    public const byte DtReg = 8;
    public const uint SIfmt = 0xF000, SIfdir = 0x4000, SIfreg = 0x8000, SIflnk = 0xA000;

    /// <summary>poll(2)'s POLLIN: a pidfd is readable once its process has exited.</summary>
    public const short PollIn = 0x1;

    private const int OCloexec = 0x80000;

    // open(2) flags differ between x64 and arm64 (asm-generic).
    private static readonly bool IsArm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    public static readonly int OpenDirectoryFlags = OCloexec | (IsArm ? 0x4000 : 0x10000);
    public static readonly int NoFollow = IsArm ? 0x8000 : 0x20000;

    [StructLayout(LayoutKind.Sequential)]
    public struct StatxTimestamp
    {
        public long Seconds;
        public uint Nanoseconds;
        private readonly int _reserved;

        public readonly long Ticks => (Seconds * 1_000_000_000L) + Nanoseconds;
    }

    /// <summary>struct pollfd of poll(2).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>struct statx (linux/stat.h), 256 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct Statx
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint Links;
        public uint Uid;
        public uint Gid;
        public ushort Mode;
        private readonly ushort _spare0;
        public ulong Inode;
        public ulong Size;
        public ulong Blocks;
        public ulong AttributesMask;
        public StatxTimestamp AccessTime;
        public StatxTimestamp BirthTime;
        public StatxTimestamp ChangeTime;
        public StatxTimestamp ModifyTime;
    }

    /// <summary>struct statvfs on 64-bit glibc (x64 and arm64 share it).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StatVfs
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FileSystemId;
        public ulong Flags;
        public ulong MaxNameLength;
        private fixed int _spare[6];
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static partial int StatxAt(int dirFd, byte* path, int flags, uint mask, Statx* result);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatxPath(int dirFd, string path, int flags, uint mask, out Statx result);

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int StatFileSystem(string path, out StatVfs result);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int dirFd, byte* path, int flags);

    /// <summary>Reads directory entries (struct linux_dirent64) into a buffer; 0 at the end.</summary>
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint GetDents64(int fd, byte* buffer, nint size);

    [LibraryImport("libc", EntryPoint = "fchownat", SetLastError = true)]
    public static partial int FchownAt(int dirFd, byte* path, uint uid, uint gid, int flags);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(int dirFd, byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint ReadLinkAt(int dirFd, byte* path, byte* buffer, nint size);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    /// <summary>The canonical path (symlinks resolved), or null when it does not resolve.</summary>
    public static string? RealPath(string path)
    {
        var resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMemory.Free((void*)resolved);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    public static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CPU time the calling thread has used (CLOCK_THREAD_CPUTIME_ID).</summary>
    public static TimeSpan ThreadCpuTime()
    {
        _ = ClockGetTime(3, out var t);
        return TimeSpan.FromTicks((t.Seconds * TimeSpan.TicksPerSecond) + (t.Nanoseconds / 100));
    }

    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
