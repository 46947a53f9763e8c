using System.Globalization;
using System.Text;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Configuration.Discovery;

/// <summary>A running Java service and the config file it was started with.</summary>
internal sealed record RunningService(int Pid, string ConfigPath);

/// <summary>
/// Finds the config file of a running Kafka or ZooKeeper the way an operator does with <c>ps</c>: the start
/// scripts (kafka-server-start.sh, zookeeper-server-start.sh, zkServer.sh) pass it as the last argument,
/// after the main class.
/// </summary>
internal static class RunningServiceArgument
{
    public const string KafkaMainClass = "kafka.Kafka";
    public const string ZooKeeperMainClass = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    /// <param name="procRoot">/proc, or a test's copy.</param>
    /// <param name="include">Which pids to consider; tests pass their own children so other hosts' services on the same machine stay out.</param>
    public static IReadOnlyList<RunningService> Find(string mainClass, string procRoot, Func<int, bool> include)
    {
        var found = new List<RunningService>();
        foreach (var pid in new ProcFs(procRoot).Pids())
        {
            if (!include(pid))
            {
                continue;
            }

            var entry = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
            var args = ReadArguments(Path.Combine(entry, "cmdline"));
            var main = Array.IndexOf(args, mainClass);
            // The class must be followed by at least the config file; a class alone runs with built-in defaults.
            if (main < 0 || main == args.Length - 1)
            {
                continue;
            }

            var config = args[^1];
            if (!Path.IsPathRooted(config))
            {
                // kafka-server-start.sh config/server.properties: relative to where the operator started it.
                if (ReadLink(Path.Combine(entry, "cwd")) is not { } cwd)
                {
                    continue;
                }

                config = Path.GetFullPath(Path.Combine(cwd, config));
            }

            found.Add(new RunningService(pid, config));
        }

        found.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        return found;
    }

    private static string[] ReadArguments(string cmdline)
    {
        try
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(cmdline));
            return text.TrimEnd('\0').Split('\0');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process ended while the table was read, or belongs to someone we may not inspect.
            return [];
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
