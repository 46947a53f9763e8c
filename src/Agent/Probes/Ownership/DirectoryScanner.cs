using System.Runtime.InteropServices;
using System.Text;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// Reads one open directory the way find -P does: getdents into a large buffer, statx(AT_SYMLINK_NOFOLLOW)
/// relative to the directory's handle, names passed to the kernel as raw bytes (no string per entry). Symlinks are
/// lstat-ed and never followed; subdirectories are only named here and opened by the walk relative to this handle.
/// </summary>
internal sealed unsafe class DirectoryScanner(string root, uint uid, uint gid, int maxSamples)
{
    private const uint Mask = LibC.StatxType | LibC.StatxMode | LibC.StatxUid | LibC.StatxGid | LibC.StatxMtime | LibC.StatxCtime;
    private readonly string _realRoot = LibC.RealPath(root) ?? root;

    public string Root => root;

    /// <summary>Scans the open directory; adds the names of its subdirectories to <paramref name="subdirectories"/>.</summary>
    /// <exception cref="IOException">The directory cannot be read.</exception>
    public DirectoryState Scan(DirectoryHandle dir, List<string> subdirectories)
    {
        // Take mtime/ctime before reading: a change during the read shows up as a newer time next pass.
        if (!dir.TryStat(null, Mask, out var st))
        {
            throw new IOException($"statx {dir.Path}: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        var (modify, change) = (st.ModifyTime.Ticks, st.ChangeTime.Ticks);
        var entries = 1;
        var wrong = 0;
        var foreign = 0;
        List<string>? wrongSamples = null, foreignSamples = null;
        if (st.Uid != uid || st.Gid != gid)
        {
            wrong++;
            (wrongSamples ??= []).Add(dir.Path);
        }

        using var reader = dir.ReadEntries();
        while (reader.Next(out var name, out var type))
        {
            if (type == LibC.DtDir)
            {
                // Its owner is checked when it is scanned itself.
                subdirectories.Add(Marshal.PtrToStringUTF8((nint)name)!);
                continue;
            }

            if (!dir.TryStat(name, Mask, out st))
            {
                continue; // Deleted between getdents and statx (Kafka rolls and deletes segments): not an owner problem.
            }

            var format = st.Mode & LibC.SIfmt;
            if (format == LibC.SIfdir)
            {
                subdirectories.Add(Marshal.PtrToStringUTF8((nint)name)!);
                continue;
            }

            entries++;
            // A symlink leaving the log dir is its own finding (an operator decides); the fixer never touches it,
            // so counting it as a wrong owner too would make every fix look failed.
            if (format == LibC.SIflnk && IsForeign(dir, name, out var linkPath))
            {
                if (++foreign <= maxSamples)
                {
                    (foreignSamples ??= []).Add(linkPath);
                }

                continue;
            }

            if (st.Uid != uid || st.Gid != gid)
            {
                if (++wrong <= maxSamples)
                {
                    (wrongSamples ??= []).Add(DirectoryHandle.Join(dir.Path, name));
                }
            }
        }

        return new DirectoryState(modify, change, entries, wrong, wrongSamples ?? [], foreign, foreignSamples ?? []);
    }

    /// <summary>Resolves the link text lexically (never by following it) and says whether it leaves the log dir.</summary>
    private bool IsForeign(DirectoryHandle dir, byte* name, out string linkPath)
    {
        linkPath = DirectoryHandle.Join(dir.Path, name);
        var buffer = stackalloc byte[4096];
        var length = LibC.ReadLinkAt(dir.Fd, name, buffer, 4096);
        if (length <= 0)
        {
            return false;
        }

        var target = Encoding.UTF8.GetString(buffer, (int)length);
        var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(dir.Path, target));
        linkPath = $"{linkPath} -> {target}";
        return !IsUnder(resolved, root) && !IsUnder(resolved, _realRoot);
    }

    internal static bool IsUnder(string path, string root) =>
        path.Length == root.Length ? path == root : path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] == '/';
}
