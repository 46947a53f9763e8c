using System.Runtime.InteropServices;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// Lists and deletes directories of a log dir through directory handles: each level is opened relative to its
/// parent's descriptor with O_NOFOLLOW|O_DIRECTORY, every entry is removed with unlinkat relative to the descriptor
/// of the directory holding it (a symlink is unlinked itself; unlinkat never follows one), and the emptied directory
/// last with AT_REMOVEDIR relative to its parent. A name swapped for a symlink mid-way can therefore never send a
/// deletion outside the log dir. Sizes are allocated blocks (st_blocks x 512), what deleting gives back.
/// </summary>
internal sealed unsafe class LinuxPartitionDirectories : IPartitionDirectories
{
    private const uint Mask = LibC.StatxType | LibC.StatxMode | LibC.StatxBlocks;

    public IReadOnlyList<LogDirEntry> List(string logDir, CancellationToken cancellationToken)
    {
        using var root = DirectoryHandle.OpenRoot(logDir, out var errno)
            ?? throw new IOException($"cannot open log dir {logDir}: {LibC.ErrorText(errno)}");
        var names = new List<string>();
        using (var reader = root.ReadEntries())
        {
            while (reader.Next(out var name, out var type))
            {
                if (type == LibC.DtDir || (type == LibC.DtUnknown && root.TryStat(name, Mask, out var st) && (st.Mode & LibC.SIfmt) == LibC.SIfdir))
                {
                    names.Add(Marshal.PtrToStringUTF8((nint)name)!);
                }
            }
        }

        var entries = new List<LogDirEntry>();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var child = root.OpenChild(name, out _);
            if (child is not null)
            {
                long bytes = 0;
                DirectoryWalker.Walk(child, (dir, subdirectories) => bytes += Size(dir, subdirectories), null, cancellationToken);
                entries.Add(new LogDirEntry(name, bytes));
            }
        }

        return entries;
    }

    public DeleteDirectoryResult Delete(string logDir, string name, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            return new DeleteDirectoryResult(0, 0, $"'{name}' is not a single directory name in {logDir}");
        }

        using var root = DirectoryHandle.OpenRoot(logDir, out var errno);
        if (root is null)
        {
            return new DeleteDirectoryResult(0, 0, $"cannot open log dir {logDir}: {LibC.ErrorText(errno)}");
        }

        var run = new Deletion(cancellationToken);
        using (var child = root.OpenChild(name, out errno))
        {
            if (child is null)
            {
                return new DeleteDirectoryResult(0, 0, $"cannot open {logDir}/{name}: {LibC.ErrorText(errno)}");
            }

            run.Empty(child, 0);
        }

        if (run.Error is null && LibC.UnlinkAt(root.Fd, name, LibC.AtRemoveDir) != 0)
        {
            run.Error = $"{logDir}/{name}: {LibC.ErrorText(Marshal.GetLastPInvokeError())}";
        }

        return new DeleteDirectoryResult(run.Files, run.Bytes, run.Error);
    }

    private static long Size(DirectoryHandle dir, List<string> subdirectories)
    {
        long bytes = dir.TryStat(null, Mask, out var self) ? (long)self.Blocks * 512 : 0;
        using var reader = dir.ReadEntries();
        while (reader.Next(out var name, out _))
        {
            if (!dir.TryStat(name, Mask, out var st))
            {
                continue;
            }

            if ((st.Mode & LibC.SIfmt) == LibC.SIfdir)
            {
                subdirectories.Add(Marshal.PtrToStringUTF8((nint)name)!);
            }
            else
            {
                bytes += (long)st.Blocks * 512;
            }
        }

        return bytes;
    }

    private sealed class Deletion(CancellationToken cancellationToken)
    {
        public long Files { get; private set; }

        public long Bytes { get; private set; }

        public string? Error { get; set; }

        /// <summary>Removes everything in the open directory, depth first; stops at the first error.</summary>
        public void Empty(DirectoryHandle dir, int depth)
        {
            if (depth >= DirectoryWalker.MaxDepth)
            {
                Error = $"{dir.Path}: deeper than {DirectoryWalker.MaxDepth} levels";
                return;
            }

            var subdirectories = new List<string>();
            var files = new List<(string Name, long Bytes)>();
            using (var reader = dir.ReadEntries())
            {
                while (reader.Next(out var name, out _))
                {
                    if (!dir.TryStat(name, Mask, out var st))
                    {
                        continue;
                    }

                    var text = Marshal.PtrToStringUTF8((nint)name)!;
                    if ((st.Mode & LibC.SIfmt) == LibC.SIfdir)
                    {
                        subdirectories.Add(text);
                    }
                    else
                    {
                        files.Add((text, (long)st.Blocks * 512));
                    }
                }
            }

            foreach (var (name, bytes) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (LibC.UnlinkAt(dir.Fd, name, 0) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != LibC.ENOENT)
                {
                    Error = $"{dir.Path}/{name}: {LibC.ErrorText(errno)}";
                    return;
                }

                Files++;
                Bytes += bytes;
            }

            foreach (var name in subdirectories)
            {
                using (var child = dir.OpenChild(name, out var errno))
                {
                    if (child is null)
                    {
                        if (errno is LibC.ELOOP or LibC.ENOTDIR)
                        {
                            // Swapped for a symlink or a file since it was listed: remove the name itself, never its target.
                            _ = LibC.UnlinkAt(dir.Fd, name, 0);
                            continue;
                        }

                        if (errno == LibC.ENOENT)
                        {
                            continue;
                        }

                        Error = $"{dir.Path}/{name}: {LibC.ErrorText(errno)}";
                        return;
                    }

                    Empty(child, depth + 1);
                }

                if (Error is not null)
                {
                    return;
                }

                if (LibC.UnlinkAt(dir.Fd, name, LibC.AtRemoveDir) != 0 && Marshal.GetLastPInvokeError() is var rmErrno && rmErrno != LibC.ENOENT)
                {
                    Error = $"{dir.Path}/{name}: {LibC.ErrorText(rmErrno)}";
                    return;
                }
            }
        }
    }
}
