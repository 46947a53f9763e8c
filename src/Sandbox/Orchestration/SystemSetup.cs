namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>Host-level changes the sandbox makes as root: service users and small log-dir filesystems.</summary>
internal static class SystemSetup
{
    /// <summary>Creates a system user (and its group) like a Kafka package does, when it is missing.</summary>
    public static async Task EnsureUserAsync(string user, CancellationToken ct)
    {
        if (Native.UserAccount.Find(user) is not null)
        {
            return;
        }
        var (code, output) = await HostProcesses.RunAsync("useradd",
            ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", user],
            TimeSpan.FromSeconds(30), ct);
        if (code != 0 && Native.UserAccount.Find(user) is null)
        {
            throw new InvalidOperationException($"useradd {user} failed ({code}): {output.Trim()}");
        }
    }

    /// <summary>Mounts a tmpfs of the given size (e.g. "64m") on the directory, owned by the user.</summary>
    public static async Task MountTmpfsAsync(string dir, string size, Native.UserAccount owner, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var (code, output) = await HostProcesses.RunAsync("mount",
            ["-t", "tmpfs", "-o", $"size={size},mode=0755,uid={owner.Uid},gid={owner.Gid}", "kafka-sandbox", dir],
            TimeSpan.FromSeconds(30), ct);
        if (code != 0)
        {
            throw new InvalidOperationException($"mount -t tmpfs on {dir} failed ({code}): {output.Trim()} (the sandbox must run as root)");
        }
    }

    /// <summary>Makes <paramref name="source"/> also visible at <paramref name="target"/> (mount --bind): one filesystem, two paths.</summary>
    public static async Task BindMountAsync(string source, string target, CancellationToken ct)
    {
        Directory.CreateDirectory(target);
        var (code, output) = await HostProcesses.RunAsync("mount", ["--bind", source, target], TimeSpan.FromSeconds(30), ct);
        if (code != 0)
        {
            throw new InvalidOperationException($"mount --bind {source} {target} failed ({code}): {output.Trim()} (the sandbox must run as root)");
        }
    }

    public static async Task UnmountAsync(string dir, CancellationToken ct)
    {
        var (code, _) = await HostProcesses.RunAsync("umount", [dir], TimeSpan.FromSeconds(30), ct);
        if (code != 0 && MountsUnder(dir).Contains(dir))
        {
            // Something still holds a file there (a process that escaped down): detach lazily.
            await HostProcesses.RunAsync("umount", ["-l", dir], TimeSpan.FromSeconds(30), ct);
        }
    }

    /// <summary>Mount points at or below a directory, deepest first (from /proc/self/mountinfo).</summary>
    public static IReadOnlyList<string> MountsUnder(string root)
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        return File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 4)
            .Select(f => Unescape(f[4]))
            .Where(m => m == full || m.StartsWith(full + "/", StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(m => m.Length)
            .ToList();
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\\([0-7]{3})",
        m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());
}
