using System.Runtime.InteropServices;
using System.Text;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// Reads one directory with readdir and statx(AT_SYMLINK_NOFOLLOW) relative to the open directory, the way
/// find -P does: names are passed to the kernel as raw bytes (no string per entry), symlinks are lstat-ed and
/// never followed, and directories are opened with O_NOFOLLOW so a directory swapped for a link is not entered.
/// </summary>
internal sealed unsafe class DirectoryScanner(string root, uint uid, uint gid, int maxSamples)
{
    private const uint Mask = LibC.StatxType | LibC.StatxMode | LibC.StatxUid | LibC.StatxGid | LibC.StatxMtime | LibC.StatxCtime;
    private readonly string realRoot = LibC.RealPath(root) ?? root;

    public string Root => root;

    /// <summary>Scans <paramref name="path"/>; adds its subdirectories to <paramref name="subdirectories"/>. Null when it is gone or no longer a directory.</summary>
    /// <exception cref="IOException">The directory exists but cannot be read.</exception>
    public DirectoryState? Scan(string path, List<string> subdirectories)
    {
        // The configured root may itself be a symlink (/var/kafka -> /data/kafka); nothing below it is followed.
        var flags = LibC.OpenDirectoryFlags | (path.Length == root.Length ? 0 : LibC.NoFollow);
        var fd = LibC.Open(path, flags);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is LibC.ENOENT or LibC.ENOTDIR or LibC.ELOOP ? null : throw new IOException($"open {path}: {LibC.ErrorText(errno)}");
        }

        var dir = LibC.FdOpenDir(fd);
        if (dir == 0)
        {
            _ = LibC.Close(fd);
            throw new IOException($"fdopendir {path}: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            return ReadEntries(path, fd, dir, subdirectories);
        }
        finally
        {
            _ = LibC.CloseDir(dir);
        }
    }

    private DirectoryState ReadEntries(string path, int fd, nint dir, List<string> subdirectories)
    {
        LibC.Statx st;
        byte empty = 0;
        // Take mtime/ctime before reading: a change during the read shows up as a newer time next pass.
        _ = LibC.StatxAt(fd, &empty, LibC.AtEmptyPath, Mask, &st);
        var (modify, change) = (st.ModifyTime.Ticks, st.ChangeTime.Ticks);
        var entries = 1;
        var wrong = 0;
        var foreign = 0;
        List<string>? wrongSamples = null, foreignSamples = null;
        if (st.Uid != uid || st.Gid != gid)
        {
            wrong++;
            (wrongSamples ??= []).Add(path);
        }

        nint entry;
        while ((entry = LibC.ReadDir(dir)) != 0)
        {
            // struct dirent (64-bit glibc): d_ino, d_off, d_reclen (u16), d_type (u8) at 18, d_name at 19.
            var type = *((byte*)entry + 18);
            var name = (byte*)entry + 19;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            {
                continue;
            }

            if (type == LibC.DtDir)
            {
                // Its owner is checked when it is scanned itself.
                subdirectories.Add(Join(path, name));
                continue;
            }

            if (LibC.StatxAt(fd, name, LibC.AtSymlinkNoFollow, Mask, &st) != 0)
            {
                continue; // Deleted between readdir and statx (Kafka rolls and deletes segments): not an owner problem.
            }

            var format = st.Mode & LibC.SIfmt;
            if (format == LibC.SIfdir)
            {
                subdirectories.Add(Join(path, name));
                continue;
            }

            entries++;
            if (st.Uid != uid || st.Gid != gid)
            {
                if (++wrong <= maxSamples)
                {
                    (wrongSamples ??= []).Add(Join(path, name));
                }
            }

            if (format == LibC.SIflnk && IsForeign(fd, path, name, out var linkPath) && ++foreign <= maxSamples)
            {
                (foreignSamples ??= []).Add(linkPath);
            }
        }

        return new DirectoryState(modify, change, entries, wrong, wrongSamples ?? [], foreign, foreignSamples ?? []);
    }

    /// <summary>Resolves the link text lexically (never by following it) and says whether it leaves the log dir.</summary>
    private bool IsForeign(int fd, string directory, byte* name, out string linkPath)
    {
        linkPath = Join(directory, name);
        var buffer = stackalloc byte[4096];
        var length = LibC.ReadLinkAt(fd, name, buffer, 4096);
        if (length <= 0)
        {
            return false;
        }

        var target = Encoding.UTF8.GetString(buffer, (int)length);
        var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(directory, target));
        linkPath = $"{linkPath} -> {target}";
        return !IsUnder(resolved, root) && !IsUnder(resolved, realRoot);
    }

    private static bool IsUnder(string path, string root) =>
        path.Length == root.Length ? path == root : path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == '/';

    private static string Join(string directory, byte* name) =>
        string.Concat(directory, "/", Marshal.PtrToStringUTF8((nint)name));
}
