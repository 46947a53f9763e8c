using System.Globalization;

namespace KafkaAgent.Platform.Linux;

/// <summary>What /proc says about a process: its state letter and its command line.</summary>
internal sealed class ProcFs(string root = "/proc")
{
    /// <summary>The state letter of /proc/PID/stat (R, S, D, T, Z...), null when there is no such process.</summary>
    public char? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(root, pid.ToString(CultureInfo.InvariantCulture), "stat"));
            // "pid (comm) S ...": comm may hold spaces and parentheses, so look after the last ')'.
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length ? stat[close + 2] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Running or sleeping or stopped by a signal; not a zombie, not gone.</summary>
    public bool IsAlive(int pid) => State(pid) is { } s && s is not ('Z' or 'X');

    /// <summary>The arguments of /proc/PID/cmdline joined by spaces; null when there is no such process.</summary>
    public string? CommandLine(int pid)
    {
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, pid.ToString(CultureInfo.InvariantCulture), "cmdline"));
            return System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\0').Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the live process <paramref name="pid"/> is the service: its command line holds <paramref name="match"/> (kafka.Kafka, QuorumPeerMain).</summary>
    public bool IsService(int pid, string match) =>
        IsAlive(pid) && CommandLine(pid) is { } line && line.Contains(match, StringComparison.Ordinal);

    /// <summary>Live processes whose command line holds <paramref name="match"/>, as kafka-server-stop.sh finds them with ps and grep.</summary>
    public IReadOnlyList<int> FindService(string match)
    {
        var self = Environment.ProcessId;
        var found = Pids().Where(pid => pid != self && IsService(pid, match)).ToList();
        found.Sort();
        return found;
    }

    /// <summary>The pids of the process directories under the root; none when it cannot be listed.</summary>
    public IEnumerable<int> Pids()
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return entries
            .Select(entry => int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);
    }
}
