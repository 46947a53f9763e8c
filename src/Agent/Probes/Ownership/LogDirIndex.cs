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

    public void FullScan()
    {
        directories.Clear();
        Error = null;
        ScanTree(scanner.Root);
    }

    public unsafe void Refresh()
    {
        if (Error is not null || directories.Count == 0)
        {
            FullScan();
            return;
        }

        foreach (var (path, known) in directories.ToList())
        {
            var flags = path.Length == scanner.Root.Length ? 0 : LibC.AtSymlinkNoFollow;
            if (LibC.StatxPath(LibC.AtFdCwd, path, flags, LibC.StatxType | LibC.StatxMtime | LibC.StatxCtime, out var st) != 0
                || (st.Mode & LibC.SIfmt) != LibC.SIfdir)
            {
                directories.Remove(path);
                continue;
            }

            if (st.ModifyTime.Ticks != known.ModifyTicks || st.ChangeTime.Ticks != known.ChangeTicks)
            {
                ScanTree(path);
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

    /// <summary>Scans a directory and every subdirectory not indexed yet (or all of them, on a full scan).</summary>
    private void ScanTree(string start)
    {
        var pending = new Stack<string>();
        pending.Push(start);
        var subdirectories = new List<string>();
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            subdirectories.Clear();
            DirectoryState? state;
            try
            {
                state = scanner.Scan(path, subdirectories);
            }
            catch (IOException ex) when (path == scanner.Root)
            {
                Error = ex.Message;
                return;
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

                directories.Remove(path);
                continue;
            }

            directories[path] = state;
            foreach (var sub in subdirectories)
            {
                if (!directories.ContainsKey(sub))
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
