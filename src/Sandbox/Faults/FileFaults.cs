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

    /// <summary>Fills the log dir's filesystem to the given percentage with segment files owned by the broker's user.</summary>
    public static FaultReport DiskFill(SandboxState state, HostState host, double percent)
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
                var target = (long)(drive.TotalSize * percent / 100.0) - (drive.TotalSize - drive.TotalFreeSpace);
                var size = percent >= 100 ? 64L * Chunk : Math.Clamp(target, 4096, 64L * Chunk);
                for (var left = size; left > 0; left -= Chunk)
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
                if (user is not null && File.Exists(path))
                {
                    _ = LibC.lchown(path, user.Uid, user.Gid);
                }
            }
        }
        var after = Used(drive);
        return new FaultReport("disk-fill", host.Id,
            $"filled {logDir} from {before:P0} to {after:P0} used ({written / (1024 * 1024)} MiB in {files} segment file(s) under {partition}){(full ? "; writes now fail with ENOSPC" : string.Empty)}",
            [$"free bytes: {drive.AvailableFreeSpace}"]);
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
