using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// The ownership state of one log dir, directory by directory, every directory reached from the root's handle
/// (see <see cref="DirectoryHandle"/>). <see cref="FullScan"/> visits everything;
/// <see cref="Refresh"/> costs one statx per known directory and re-reads only the directories that changed,
/// which catches new files (a broker once started as root), deletions, and a recursive chown (it changes every
/// directory's ctime), but not a chown of single files inside unchanged directories: the periodic full scan does.
/// </summary>
internal sealed class LogDirIndex(DirectoryScanner scanner, int maxSamples)
{
    private readonly Dictionary<string, DirectoryState> _directories = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    /// <summary>
    /// Visits everything. The partition directories are spread over up to <paramref name="parallelism"/> threads:
    /// the work is one statx per entry, so two cores halve the wall time for the same CPU.
    /// </summary>
    /// <returns>The CPU time the scan took, summed over its threads.</returns>
    public TimeSpan FullScan(int parallelism = 1, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _directories.Clear();
        Error = null;
        var cpuTicks = 0L;
        var before = LibC.ThreadCpuTime();
        using var rootHandle = OpenRoot();
        var top = new List<string>();
        if (rootHandle is null || !ScanOne(rootHandle, _directories, top))
        {
            return LibC.ThreadCpuTime() - before;
        }

        cpuTicks += (LibC.ThreadCpuTime() - before).Ticks;
        Parallel.ForEach(
            top,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            () => (Found: new Dictionary<string, DirectoryState>(StringComparer.Ordinal), Cpu: 0L),
            (name, _, local) =>
            {
                var start = LibC.ThreadCpuTime();
                using (var child = rootHandle.OpenChild(name, out var errno))
                {
                    if (child is not null)
                    {
                        ScanTree(child, local.Found);
                    }
                    else
                    {
                        CannotOpen(local.Found, $"{rootHandle.Path}/{name}", errno);
                    }
                }

                local.Cpu += (LibC.ThreadCpuTime() - start).Ticks;
                return local;
            },
            local =>
            {
                lock (_directories)
                {
                    foreach (var (path, state) in local.Found)
                    {
                        _directories[path] = state;
                    }
                }

                Interlocked.Add(ref cpuTicks, local.Cpu);
            });
        return TimeSpan.FromTicks(cpuTicks);
    }

    /// <summary>
    /// One statx per known directory, each relative to its parent's handle (reached from the root one component at a
    /// time), and a re-read of those whose mtime or ctime moved. A directory swapped for a symlink is not entered: it
    /// is forgotten, and its parent, whose mtime moved, is re-read and shows the link.
    /// </summary>
    public unsafe void Refresh(CancellationToken cancellationToken = default)
    {
        if (Error is not null || _directories.Count == 0)
        {
            FullScan(cancellationToken: cancellationToken);
            return;
        }

        using var rootHandle = OpenRoot();
        if (rootHandle is null)
        {
            FullScan(cancellationToken: cancellationToken);
            return;
        }

        const uint mask = LibC.StatxType | LibC.StatxMtime | LibC.StatxCtime;
        var open = new Stack<DirectoryHandle>();
        open.Push(rootHandle);
        try
        {
            var known = _directories.Keys.Order(StringComparer.Ordinal).ToList();
            foreach (var path in known)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!_directories.TryGetValue(path, out var state))
                {
                    continue; // forgotten with its parent during this pass
                }

                if (path.Length == scanner.Root.Length)
                {
                    if (rootHandle.TryStat(null, mask, out var rootStat) && Changed(rootStat, state))
                    {
                        ScanTree(rootHandle, _directories);
                    }

                    continue;
                }

                var slash = path.LastIndexOf('/');
                var parent = ParentHandle(open, path[..slash]);
                var name = DirectoryHandle.NullTerminated(path[(slash + 1)..]);
                fixed (byte* bytes = name)
                {
                    if (parent is null || !parent.TryStat(bytes, mask, out var st) || (st.Mode & LibC.SIfmt) != LibC.SIfdir)
                    {
                        _directories.Remove(path);
                        continue;
                    }

                    if (!Changed(st, state))
                    {
                        continue;
                    }

                    using var child = parent.OpenChild(bytes, out var errno);
                    if (child is null)
                    {
                        CannotOpen(_directories, path, errno);
                        continue;
                    }

                    ScanTree(child, _directories);
                }
            }
        }
        finally
        {
            while (open.Count > 1)
            {
                open.Pop().Dispose();
            }
        }
    }

    private static bool Changed(LibC.Statx st, DirectoryState known) =>
        st.ModifyTime.Ticks != known.ModifyTicks || st.ChangeTime.Ticks != known.ChangeTicks;

    /// <summary>The handle of <paramref name="path"/>, opened below the nearest open ancestor one component at a time; null when it is gone.</summary>
    private static DirectoryHandle? ParentHandle(Stack<DirectoryHandle> open, string path)
    {
        while (open.Count > 1 && !DirectoryScanner.IsUnder(path, open.Peek().Path))
        {
            open.Pop().Dispose();
        }

        var top = open.Peek();
        if (top.Path.Length == path.Length)
        {
            return top;
        }

        var handle = top.OpenDescendant(path[(top.Path.Length + 1)..], out _);
        if (handle is not null)
        {
            open.Push(handle);
        }

        return handle;
    }

    public LogDirOwnership Summarize()
    {
        long entries = 0, wrong = 0, foreign = 0;
        List<string> wrongSamples = [], foreignSamples = [];
        foreach (var state in _directories.Values)
        {
            entries += state.Entries;
            wrong += state.Wrong;
            foreign += state.ForeignSymlinks;
            wrongSamples.AddRange(state.WrongSamples.Take(maxSamples - wrongSamples.Count));
            foreignSamples.AddRange(state.ForeignSymlinkSamples.Take(maxSamples - foreignSamples.Count));
        }

        wrongSamples.Sort(StringComparer.Ordinal);
        foreignSamples.Sort(StringComparer.Ordinal);
        return new LogDirOwnership(scanner.Root, entries, wrong, wrongSamples, foreign, foreignSamples, Error);
    }

    private DirectoryHandle? OpenRoot()
    {
        var handle = DirectoryHandle.OpenRoot(scanner.Root, out var errno);
        if (handle is null)
        {
            Error = $"open {scanner.Root}: {LibC.ErrorText(errno)}";
        }

        return handle;
    }

    /// <summary>Scans an open directory and every subdirectory not in <paramref name="into"/> yet.</summary>
    private void ScanTree(DirectoryHandle start, Dictionary<string, DirectoryState> into) =>
        DirectoryWalker.Walk(
            start,
            (dir, subdirectories) =>
            {
                var names = new List<string>();
                if (ScanOne(dir, into, names))
                {
                    subdirectories.AddRange(names.Where(n => !into.ContainsKey($"{dir.Path}/{n}")));
                }
            },
            (path, problem) => CannotOpen(into, path, problem),
            CancellationToken.None);

    /// <summary>Scans one directory into <paramref name="into"/>; false when (the root) it cannot be read.</summary>
    private bool ScanOne(DirectoryHandle dir, Dictionary<string, DirectoryState> into, List<string> subdirectories)
    {
        try
        {
            into[dir.Path] = scanner.Scan(dir, subdirectories);
            return true;
        }
        catch (IOException ex) when (dir.Path.Length == scanner.Root.Length)
        {
            Error = ex.Message;
            return false;
        }
        catch (IOException ex)
        {
            CannotOpen(into, dir.Path, ex.Message);
            return false;
        }
    }

    private static void CannotOpen(Dictionary<string, DirectoryState> into, string path, int errno)
    {
        if (errno is LibC.ENOENT or LibC.ENOTDIR or LibC.ELOOP)
        {
            into.Remove(path); // gone, or swapped for something that is not a directory: its parent's next read shows it
        }
        else
        {
            CannotOpen(into, path, LibC.ErrorText(errno));
        }
    }

    // An unreadable subdirectory is itself an ownership symptom: count it, keep going.
    private static void CannotOpen(Dictionary<string, DirectoryState> into, string path, string problem) =>
        into[path] = new DirectoryState(0, 0, 1, 1, [$"{path} ({problem})"], 0, []);
}
