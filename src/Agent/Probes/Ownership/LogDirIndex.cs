using System.Runtime.InteropServices;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// The ownership state of one log dir, directory by directory. <see cref="FullScan"/> visits everything;
/// <see cref="Refresh"/> costs one statx per known directory and re-reads only the directories that changed,
/// which catches new files (a broker once started as root), deletions, and a recursive chown (it changes every
/// directory's ctime), but not a chown of single files inside unchanged directories: the periodic full scan does.
/// </summary>
internal sealed class LogDirIndex(DirectoryScanner scanner, int maxSamples)
{
    private readonly Dictionary<string, DirectoryState> directories = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public int DirectoryCount => directories.Count;

    /// <summary>
    /// Visits everything. The partition directories are spread over up to <paramref name="parallelism"/> threads:
    /// the work is one statx per entry, so two cores halve the wall time for the same CPU.
    /// </summary>
    /// <returns>The CPU time the scan took, summed over its threads.</returns>
    public TimeSpan FullScan(int parallelism = 1, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        directories.Clear();
        Error = null;
        var cpuTicks = 0L;
        var before = LibC.ThreadCpuTime();
        var top = new List<string>();
        if (!ScanOne(scanner.Root, directories, top))
        {
            return LibC.ThreadCpuTime() - before;
        }

        cpuTicks += (LibC.ThreadCpuTime() - before).Ticks;
        Parallel.ForEach(
            top,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            () => (Found: new Dictionary<string, DirectoryState>(StringComparer.Ordinal), Cpu: 0L),
            (path, _, local) =>
            {
                var start = LibC.ThreadCpuTime();
                ScanTree(path, local.Found);
                local.Cpu += (LibC.ThreadCpuTime() - start).Ticks;
                return local;
            },
            local =>
            {
                lock (directories)
                {
                    foreach (var (path, state) in local.Found)
                    {
                        directories[path] = state;
                    }
                }

                Interlocked.Add(ref cpuTicks, local.Cpu);
            });
        return TimeSpan.FromTicks(cpuTicks);
    }

    public unsafe void Refresh(CancellationToken cancellationToken = default)
    {
        if (Error is not null || directories.Count == 0)
        {
            FullScan(cancellationToken: cancellationToken);
            return;
        }

        foreach (var (path, known) in directories.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var flags = path.Length == scanner.Root.Length ? 0 : LibC.AtSymlinkNoFollow;
            if (LibC.StatxPath(LibC.AtFdCwd, path, flags, LibC.StatxType | LibC.StatxMtime | LibC.StatxCtime, out var st) != 0
                || (st.Mode & LibC.SIfmt) != LibC.SIfdir)
            {
                directories.Remove(path);
                continue;
            }

            if (st.ModifyTime.Ticks != known.ModifyTicks || st.ChangeTime.Ticks != known.ChangeTicks)
            {
                ScanTree(path, directories);
            }
        }
    }

    public LogDirOwnership Summarize()
    {
        long entries = 0, wrong = 0, foreign = 0;
        List<string> wrongSamples = [], foreignSamples = [];
        foreach (var state in directories.Values)
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

    /// <summary>Scans a directory and every subdirectory not in <paramref name="into"/> yet.</summary>
    private void ScanTree(string start, Dictionary<string, DirectoryState> into)
    {
        var pending = new Stack<string>();
        pending.Push(start);
        var subdirectories = new List<string>();
        while (pending.Count > 0)
        {
            subdirectories.Clear();
            if (!ScanOne(pending.Pop(), into, subdirectories))
            {
                continue;
            }

            foreach (var sub in subdirectories)
            {
                if (!into.ContainsKey(sub))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    /// <summary>Scans one directory into <paramref name="into"/>; false when it is gone or (the root) unreadable.</summary>
    private bool ScanOne(string path, Dictionary<string, DirectoryState> into, List<string> subdirectories)
    {
        DirectoryState? state;
        try
        {
            state = scanner.Scan(path, subdirectories);
        }
        catch (IOException ex) when (path == scanner.Root)
        {
            Error = ex.Message;
            return false;
        }
        catch (IOException ex)
        {
            // An unreadable subdirectory is itself an ownership symptom: count it, keep going.
            state = new DirectoryState(0, 0, 1, 1, [$"{path} ({ex.Message})"], 0, []);
        }

        if (state is null)
        {
            if (path == scanner.Root)
            {
                Error = $"{path}: {Marshal.GetPInvokeErrorMessage(LibC.ENOENT)}";
            }

            into.Remove(path);
            return false;
        }

        into[path] = state;
        return true;
    }
}
