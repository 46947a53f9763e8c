using System.Globalization;

namespace KafkaAgent.Events;

/// <summary>
/// Whether a process is the service it is supposed to be, from /proc/PID/cmdline: a pidfile outlives its process
/// and its pid may be reused by anything, so a pid from a pidfile is watched only once its command line says so.
/// </summary>
internal static class ProcessIdentity
{
    /// <summary>Kafka: the JVM runs kafka.Kafka; the sandbox's stand-in runs "kafka-sandbox.dll broker".</summary>
    public static bool IsKafka(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "kafka.Kafka")
            {
                return true;
            }
            if (args[i].EndsWith("kafka-sandbox.dll", StringComparison.Ordinal) && i + 1 < args.Count && args[i + 1] == "broker")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>ZooKeeper: QuorumPeerMain (what zkServer.sh and zookeeper-server-start.sh run, standalone too) or ZooKeeperServerMain.</summary>
    public static bool IsZooKeeper(IReadOnlyList<string> args) =>
        args.Any(a => a is "org.apache.zookeeper.server.quorum.QuorumPeerMain" or "org.apache.zookeeper.server.ZooKeeperServerMain");

    /// <summary>
    /// When the process started, from /proc/PID/stat's starttime (clock ticks since boot; USER_HZ is 100 on every Linux
    /// ABI) and /proc/stat's btime. Whole-second btime makes it exact to about a second; callers allow for skew.
    /// Null when the process is gone or /proc is unreadable.
    /// </summary>
    public static DateTimeOffset? StartedAt(int pid, string procRoot = "/proc")
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat"));
            // The command name in parentheses may hold spaces and parentheses: fields start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture);
            var boot = File.ReadLines(Path.Combine(procRoot, "stat")).FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            if (boot is null)
            {
                return null;
            }
            var bootSeconds = long.Parse(boot["btime ".Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            return DateTimeOffset.FromUnixTimeMilliseconds(bootSeconds * 1000 + ticks * 10);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The NUL-separated arguments of /proc/PID/cmdline; null when the process is gone or unreadable.</summary>
    public static IReadOnlyList<string>? CommandLine(int pid, string procRoot = "/proc")
    {
        try
        {
            var raw = File.ReadAllText(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "cmdline"));
            // A zombie (or a kernel thread) has an empty command line: nothing to identify.
            return raw.Length == 0 ? null : raw.TrimEnd('\0').Split('\0');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The process's last argument as an absolute path (relative ones resolved against /proc/PID/cwd).</summary>
    public static string? LastArgumentPath(int pid, IReadOnlyList<string> args, string procRoot = "/proc")
    {
        if (args.Count == 0)
        {
            return null;
        }
        var last = args[^1];
        if (Path.IsPathRooted(last))
        {
            return Path.GetFullPath(last);
        }
        try
        {
            var cwd = new DirectoryInfo(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "cwd")).LinkTarget;
            return cwd is null ? null : Path.GetFullPath(Path.Combine(cwd, last));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
