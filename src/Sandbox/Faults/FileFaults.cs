using KafkaAgent.Sandbox.AppLogs;
using KafkaAgent.Sandbox.Native;
using KafkaAgent.Sandbox.Orchestration;

namespace KafkaAgent.Sandbox.Faults;

/// <summary>Faults on the log dir's files: wrong ownership (with a planted symlink) and a full disk.</summary>
internal static class FileFaults
{
    private const int Chunk = 4 * 1024 * 1024;

    public const string PlantedLinkName = "planted-link";

    private static readonly EnumerationOptions NoFollow = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint, // never descend through (or pick) a symlink
        IgnoreInaccessible = true,
    };

    /// <summary>
    /// lchowns N files (or the whole log dir, itself included) to another owner, never following links,
    /// and plants a symlink in the log dir pointing at a root-owned file outside it.
    /// </summary>
    public static FaultReport Chown(SandboxState state, HostState host, int files, bool all, string owner)
    {
        var account = UserAccount.Find(owner) ?? throw new ArgumentException($"--owner {owner}: no such user");
        var logDir = host.Layout.LogDir;
        var targets = all
            ? new[] { logDir }.Concat(Directory.EnumerateFileSystemEntries(logDir, "*", NoFollow)).ToList()
            : Directory.EnumerateFiles(logDir, "*", NoFollow).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(files).ToList();
        foreach (var path in targets)
        {
            if (LibC.lchown(path, account.Uid, account.Gid) != 0)
            {
                throw new InvalidOperationException($"lchown {path} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
            }
        }
        var link = Path.Combine(logDir, PlantedLinkName);
        var outside = Path.Combine(state.Layout.Outside, "precious.txt");
        if (!Path.Exists(link))
        {
            File.CreateSymbolicLink(link, outside);
        }
        var details = targets.Take(20).Append($"symlink {link} -> {outside}").ToList();
        return new FaultReport("chown", host.Id,
            $"changed the owner of {(all ? $"the whole log dir {logDir} ({targets.Count} entries)" : $"{targets.Count} file(s) in {logDir}")} to {owner}:{account.Gid}, and planted {link} -> {outside}",
            details);
    }

    /// <summary>
    /// Fills the host's disk (log dir and LOG_DIR share it) to the given percentage, the way a real disk
    /// fills: with partition segments (retention longer than the disk) or with application logs (log4j's
    /// hourly parts, which Kafka never deletes). Files are owned by the broker's user, as Kafka writes them.
    /// </summary>
    public static FaultReport DiskFill(SandboxState state, HostState host, double percent, string with) => with switch
    {
        "segments" => FillWithSegments(state, host, percent),
        "app-logs" => FillWithAppLogs(state, host, percent),
        _ => throw new ArgumentException($"--with takes segments or app-logs, not '{with}'"),
    };

    private static FaultReport FillWithSegments(SandboxState state, HostState host, double percent)
    {
        var logDir = host.Layout.LogDir;
        var user = UserAccount.Find(state.User);
        var drive = new DriveInfo(logDir);
        var before = Used(drive);
        var partition = Directory.EnumerateDirectories(logDir).Where(d => new FileInfo(d).LinkTarget is null).Order(StringComparer.Ordinal).FirstOrDefault() ?? logDir;
        var buffer = new byte[Chunk];
        new Random(42).NextBytes(buffer);
        var written = 0L;
        var files = 0;
        var full = false;
        // Segments are named by base offset: the next one starts past the highest already there, so a
        // second fill adds files after an earlier fill's instead of colliding with them.
        var nextOffset = NextBaseOffset(partition);
        while (!full && Used(drive) < percent / 100.0)
        {
            var path = Path.Combine(partition, $"{nextOffset:D20}.log");
            nextOffset += 1_000_000;
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                files++;
                for (var left = FileSize(drive, percent, 64L * Chunk); left > 0; left -= Chunk)
                {
                    stream.Write(buffer, 0, (int)Math.Min(Chunk, left));
                    written += Math.Min(Chunk, left);
                }
                stream.Flush(flushToDisk: true);
            }
            catch (IOException e) when (IsNoSpace(e))
            {
                full = true;
            }
            finally
            {
                Own(path, user);
            }
        }
        return new FaultReport("disk-fill", host.Id,
            $"filled the disk of {logDir} from {before:P0} to {Used(drive):P0} used with segments ({written / (1024 * 1024)} MiB in {files} segment file(s) under {partition}){(full ? "; writes now fail with ENOSPC" : string.Empty)}",
            [$"free bytes: {drive.AvailableFreeSpace}"]);
    }

    /// <summary>Adds hourly server.log parts older than the oldest one there, each up to 4 MiB, until the disk is as full as asked.</summary>
    private static FaultReport FillWithAppLogs(SandboxState state, HostState host, double percent)
    {
        var logs = host.Layout.Logs;
        var user = UserAccount.Find(state.User);
        var drive = new DriveInfo(logs);
        var before = Used(drive);
        var now = TimeProvider.System.GetLocalNow();
        var oldest = Directory.EnumerateFiles(logs, "server.log.*")
            .Select(f => AppLogNames.HourOf(Path.GetFileName(f), "server.log", now.Offset))
            .Where(h => h is not null)
            .Min() ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset);
        var written = 0L;
        var parts = new List<string>();
        var full = false;
        while (!full && Used(drive) < percent / 100.0)
        {
            var hour = oldest.AddHours(-(parts.Count + 1));
            var path = Path.Combine(logs, AppLogNames.HourlyPart("server.log", hour));
            try
            {
                var content = AppLogText.HourOf("server.log", hour, host.Id, FileSize(drive, percent, Chunk));
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                {
                    parts.Add(path);
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                    written += content.Length;
                }
                File.SetLastWriteTimeUtc(path, hour.AddHours(1).AddSeconds(-1).UtcDateTime);
            }
            catch (IOException e) when (IsNoSpace(e))
            {
                full = true;
            }
            finally
            {
                Own(path, user);
            }
        }
        var range = parts.Count == 0 ? "none" : $"{Path.GetFileName(parts[^1])} .. {Path.GetFileName(parts[0])}";
        return new FaultReport("disk-fill", host.Id,
            $"filled the disk of {logs} from {before:P0} to {Used(drive):P0} used with application logs ({written / (1024 * 1024)} MiB in {parts.Count} hourly server.log part(s): {range}){(full ? "; writes now fail with ENOSPC" : string.Empty)}",
            [$"free bytes: {drive.AvailableFreeSpace}"]);
    }

    /// <summary>The next file's size: up to the target percentage, or <paramref name="max"/> when filling to the brim.</summary>
    private static long FileSize(DriveInfo drive, double percent, long max)
    {
        var target = (long)(drive.TotalSize * percent / 100.0) - (drive.TotalSize - drive.TotalFreeSpace);
        return percent >= 100 ? max : Math.Clamp(target, 4096, max);
    }

    private static void Own(string path, UserAccount? user)
    {
        if (user is not null && File.Exists(path))
        {
            _ = LibC.lchown(path, user.Uid, user.Gid);
        }
    }

    private static long NextBaseOffset(string partitionDir)
    {
        var highest = -1L;
        foreach (var file in Directory.EnumerateFiles(partitionDir, "*.log"))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
            {
                highest = Math.Max(highest, offset);
            }
        }
        return highest < 0 ? 1_000_000 : (highest / 1_000_000 + 1) * 1_000_000;
    }

    // .NET puts the errno of a failed write in HResult on Unix: only ENOSPC (28) means the disk is full;
    // any other error (an existing file, a permission) is a real failure and is reported as one.
    private static bool IsNoSpace(IOException e) => e.HResult == 28 || e.Message.Contains("No space left on device", StringComparison.Ordinal);

    private static double Used(DriveInfo drive) => drive.TotalSize == 0 ? 1 : 1.0 - ((double)drive.TotalFreeSpace / drive.TotalSize);
}
