using System.Globalization;
using System.Runtime.InteropServices;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// Deletes through the directory's handle (unlinkat relative to it, after statx with AT_SYMLINK_NOFOLLOW): only
/// regular files with a single link (a second name would keep the space in use) are candidates, a symlink is never
/// followed or counted, and nothing outside the given directories is touched. A file modified within the last
/// minute is left alone, whatever its name: it may still be written (a heap dump in progress).
/// </summary>
internal sealed unsafe class LinuxFileCleaner(TimeProvider time) : IFileCleaner
{
    private const int MaxErrors = 20;
    private const uint Mask = LibC.StatxType | LibC.StatxMode | LibC.StatxNlink | LibC.StatxSize | LibC.StatxBlocks | LibC.StatxMtime;
    private static readonly TimeSpan Settled = TimeSpan.FromMinutes(1);

    public CleanupResult DeleteRotatedLogs(string logDir, long bytesWanted, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        using var dir = DirectoryHandle.OpenRoot(logDir, out var errno);
        if (dir is null)
        {
            return new CleanupResult(0, 0, [$"{logDir}: {LibC.ErrorText(errno)}"]);
        }

        var candidates = List(dir, RotatedLogNames.IsCandidate, errors).OrderBy(f => f.ModifyTicks).ThenBy(f => f.Name, StringComparer.Ordinal);
        long deleted = 0, freed = 0;
        foreach (var file in candidates)
        {
            if (bytesWanted > 0 && freed >= bytesWanted)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (Delete(dir, file, errors))
            {
                deleted++;
                freed += file.Bytes;
            }
        }

        return new CleanupResult(deleted, freed, errors);
    }

    public CleanupResult PurgeZooKeeperData(string dataDir, string? dataLogDir, int keep, CancellationToken cancellationToken)
    {
        // ZooKeeper's own PurgeTxnLog refuses fewer than 3: with fewer, one bad snapshot leaves nothing to recover from.
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 3);
        var errors = new List<string>();
        using var snapRoot = DirectoryHandle.OpenRoot(dataDir, out var errno);
        using var snapDir = snapRoot?.OpenChild("version-2", out errno);
        if (snapDir is null)
        {
            return new CleanupResult(0, 0, [$"{dataDir}/version-2: {LibC.ErrorText(errno)}"]);
        }

        using var logRoot = dataLogDir is null ? null : DirectoryHandle.OpenRoot(dataLogDir, out errno);
        using var separateLogDir = logRoot?.OpenChild("version-2", out errno);
        if (dataLogDir is not null && separateLogDir is null)
        {
            return new CleanupResult(0, 0, [$"{dataLogDir}/version-2: {LibC.ErrorText(errno)}"]);
        }

        var logDir = separateLogDir ?? snapDir;
        var snapshots = List(snapDir, n => Zxid(n, "snapshot.") is not null, errors).OrderByDescending(f => Zxid(f.Name, "snapshot.")).ToList();
        if (snapshots.Count <= keep)
        {
            return new CleanupResult(0, 0, errors);
        }

        // Everything from the oldest kept snapshot on must stay replayable: keep the txn log that holds that zxid
        // (the newest log starting at or before it) and every later one.
        var oldestKept = Zxid(snapshots[keep - 1].Name, "snapshot.")!.Value;
        var logs = List(logDir, n => Zxid(n, "log.") is not null, errors).OrderBy(f => Zxid(f.Name, "log.")).ToList();
        var firstKeptLog = logs.LastOrDefault(l => Zxid(l.Name, "log.") <= oldestKept) is { } holding ? Zxid(holding.Name, "log.")!.Value : oldestKept;

        long deleted = 0, freed = 0;
        foreach (var (handle, file) in snapshots.Skip(keep).Select(f => (snapDir, f))
                     .Concat(logs.Where(l => Zxid(l.Name, "log.") < firstKeptLog).Select(f => (logDir, f))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Delete(handle, file, errors))
            {
                deleted++;
                freed += file.Bytes;
            }
        }

        return new CleanupResult(deleted, freed, errors);
    }

    /// <summary>The hexadecimal zxid of snapshot.ZXID[.gz|.snappy] or log.ZXID; null for anything else.</summary>
    internal static long? Zxid(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = name.AsSpan(prefix.Length);
        var dot = rest.IndexOf('.');
        var hex = dot < 0 ? rest : rest[..dot];
        return hex.Length > 0 && long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var zxid) ? zxid : null;
    }

    private sealed record Candidate(string Name, long ModifyTicks, long Bytes);

    private List<Candidate> List(DirectoryHandle dir, Func<string, bool> wanted, List<string> errors)
    {
        var found = new List<Candidate>();
        var settledBefore = (time.GetUtcNow() - Settled).ToUnixTimeMilliseconds() * 1_000_000L;
        try
        {
            var reader = dir.ReadEntries();
            using (reader)
            {
                while (reader.Next(out var namePointer, out var type))
                {
                    if (type is not (LibC.DtReg or LibC.DtUnknown))
                    {
                        continue;
                    }

                    var name = Marshal.PtrToStringUTF8((nint)namePointer)!;
                    if (!wanted(name) || !dir.TryStat(namePointer, Mask, out var st))
                    {
                        continue;
                    }

                    if ((st.Mode & LibC.SIfmt) == LibC.SIfreg && st.Links == 1 && st.ModifyTime.Ticks < settledBefore)
                    {
                        found.Add(new Candidate(name, st.ModifyTime.Ticks, (long)st.Blocks * 512));
                    }
                }
            }
        }
        catch (IOException ex)
        {
            AddError(errors, $"{dir.Path}: {ex.Message}");
        }

        return found;
    }

    private static bool Delete(DirectoryHandle dir, Candidate file, List<string> errors)
    {
        fixed (byte* name = DirectoryHandle.NullTerminated(file.Name))
        {
            if (LibC.UnlinkAt(dir.Fd, name, 0) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.ENOENT)
            {
                AddError(errors, errno == LibC.EROFS
                    ? $"{dir.Path}/{file.Name}: read-only file system (under the agent's unit, add the directory to ReadWritePaths= in a drop-in)"
                    : $"{dir.Path}/{file.Name}: {LibC.ErrorText(errno)}");
            }

            return false;
        }
    }

    private static void AddError(List<string> errors, string error)
    {
        if (errors.Count < MaxErrors)
        {
            errors.Add(error);
        }
    }
}
