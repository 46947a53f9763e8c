using System.Runtime.InteropServices;
using System.Text;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// chown -R -P, walking with directory handles: every directory is opened relative to its parent's descriptor with
/// O_NOFOLLOW (<see cref="DirectoryWalker"/>), every entry is checked with statx(AT_SYMLINK_NOFOLLOW) and changed with
/// fchownat(dirfd, name, AT_SYMLINK_NOFOLLOW), and a directory itself through its own descriptor (fchown). So a
/// symlink swapped in for a directory during the walk is never entered, and nothing outside the root is touched.
/// A symlink pointing inside the root gets the right owner itself (as chown -h would); one pointing outside is
/// reported and left alone. The root's top-level directories are spread over a few threads, as the scan does. In a
/// directory whose first <see cref="BlindAfter"/> regular files were all wrong and none right, the remaining regular
/// files are changed without being stat'ed first (counted as changed), as chown -R does for every entry.
/// </summary>
/// <param name="beforeDirectory">Observes each directory (its path) after it is opened, before its entries are read.</param>
internal sealed unsafe partial class LinuxOwnershipFixer(Action<string>? beforeDirectory = null) : IOwnershipFixer
{
    private const int MaxErrors = 20;
    private const uint Mask = LibC.StatxType | LibC.StatxMode | LibC.StatxUid | LibC.StatxGid;

    /// <summary>Regular files found wrong in a row, with none right, before the rest of a directory is changed unseen.</summary>
    private const int BlindAfter = 8;

    public OwnershipFixResult Fix(string root, uint uid, uint gid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var run = new Run(Path.TrimEndingDirectorySeparator(root), uid, gid, beforeDirectory);
        using var rootHandle = DirectoryHandle.OpenRoot(run.Root, out var errno);
        if (rootHandle is null)
        {
            run.Fail(run.Root, LibC.ErrorText(errno));
            return run.Result();
        }

        var top = new List<string>();
        run.Visit(rootHandle, top);
        Parallel.ForEach(
            top,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Min(Environment.ProcessorCount, 4), CancellationToken = cancellationToken },
            name =>
            {
                using var child = rootHandle.OpenChild(name, out var childErrno);
                if (child is null)
                {
                    if (childErrno is not (LibC.ENOENT or LibC.ENOTDIR or LibC.ELOOP))
                    {
                        run.Fail($"{run.Root}/{name}", LibC.ErrorText(childErrno));
                    }

                    return;
                }

                DirectoryWalker.Walk(child, run.Visit, run.Fail, cancellationToken);
            });
        return run.Result();
    }

    private sealed class Run(string root, uint uid, uint gid, Action<string>? beforeDirectory)
    {
        private readonly List<string> _errors = [];
        private readonly string _realRoot = LibC.RealPath(root) ?? root;
        private long _changed, _failed, _skipped;

        public string Root => root;

        public OwnershipFixResult Result()
        {
            lock (_errors)
            {
                return new OwnershipFixResult(Interlocked.Read(ref _changed), Interlocked.Read(ref _failed), Interlocked.Read(ref _skipped), _errors.ToList());
            }
        }

        public void Fail(string path, string problem)
        {
            Interlocked.Increment(ref _failed);
            lock (_errors)
            {
                if (_errors.Count < MaxErrors)
                {
                    _errors.Add($"{path}: {problem}");
                }
            }
        }

        /// <summary>Fixes the open directory itself and its non-directory entries; names its subdirectories.</summary>
        public void Visit(DirectoryHandle dir, List<string> subdirectories)
        {
            beforeDirectory?.Invoke(dir.Path);
            if (!dir.TryStat(null, Mask, out var st))
            {
                Fail(dir.Path, LibC.ErrorText(Marshal.GetLastPInvokeError()));
                return;
            }

            if (st.Uid != uid || st.Gid != gid)
            {
                if (Fchown(dir.Fd, uid, gid) == 0)
                {
                    Interlocked.Increment(ref _changed);
                }
                else
                {
                    Fail(dir.Path, LibC.ErrorText(Marshal.GetLastPInvokeError()));
                }
            }

            try
            {
                var reader = dir.ReadEntries();
                using (reader)
                {
                    ReadEntries(dir, reader, subdirectories);
                }
            }
            catch (IOException ex)
            {
                Fail(dir.Path, ex.Message);
            }
        }

        private void ReadEntries(DirectoryHandle dir, DirectoryHandle.EntryReader reader, List<string> subdirectories)
        {
            var wrongInARow = 0;
            while (reader.Next(out var name, out var type))
            {
                if (type == LibC.DtDir)
                {
                    subdirectories.Add(Marshal.PtrToStringUTF8((nint)name)!);
                    continue;
                }

                // A directory whose first files all had the wrong owner is a wholesale chown (chown -R root, a restore
                // as another user): its remaining regular files are changed without a statx each, as chown -R does,
                // halving the system calls. Safe all the same: fchownat relative to this directory's descriptor with
                // AT_SYMLINK_NOFOLLOW changes at most the name itself, even if it became a symlink since it was listed.
                if (type == LibC.DtReg && wrongInARow >= BlindAfter)
                {
                    if (LibC.FchownAt(dir.Fd, name, uid, gid, LibC.AtSymlinkNoFollow) == 0)
                    {
                        Interlocked.Increment(ref _changed);
                    }
                    else if (Marshal.GetLastPInvokeError() is var blindErrno && blindErrno != LibC.ENOENT)
                    {
                        Fail(DirectoryHandle.Join(dir.Path, name), LibC.ErrorText(blindErrno));
                    }

                    continue;
                }

                if (!dir.TryStat(name, Mask, out var st))
                {
                    continue; // deleted since it was listed
                }

                var format = st.Mode & LibC.SIfmt;
                if (format == LibC.SIfdir)
                {
                    subdirectories.Add(Marshal.PtrToStringUTF8((nint)name)!);
                    continue;
                }

                if (st.Uid == uid && st.Gid == gid)
                {
                    wrongInARow = -1; // one right file: this directory is not a wholesale chown, stat every entry
                    continue;
                }

                if (format == LibC.SIfreg && wrongInARow >= 0)
                {
                    wrongInARow++;
                }

                if (format == LibC.SIflnk && PointsOutside(dir, name))
                {
                    Interlocked.Increment(ref _skipped);
                    continue;
                }

                if (LibC.FchownAt(dir.Fd, name, uid, gid, LibC.AtSymlinkNoFollow) == 0)
                {
                    Interlocked.Increment(ref _changed);
                }
                else if (Marshal.GetLastPInvokeError() is var errno && errno != LibC.ENOENT)
                {
                    Fail(DirectoryHandle.Join(dir.Path, name), LibC.ErrorText(errno));
                }
            }
        }

        /// <summary>The link text, resolved lexically (never by following it), leaves the root.</summary>
        private bool PointsOutside(DirectoryHandle dir, byte* name)
        {
            var buffer = stackalloc byte[4096];
            var length = LibC.ReadLinkAt(dir.Fd, name, buffer, 4096);
            if (length <= 0)
            {
                return true;
            }

            var target = Encoding.UTF8.GetString(buffer, (int)length);
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(dir.Path, target));
            return !IsUnder(resolved, root) && !IsUnder(resolved, _realRoot);
        }

        private static bool IsUnder(string path, string under) =>
            path.Length == under.Length ? path == under : path.StartsWith(under, StringComparison.Ordinal) && path[under.Length] == '/';
    }

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int Fchown(int fd, uint uid, uint gid);
}
