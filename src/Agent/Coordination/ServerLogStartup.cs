namespace KafkaAgent.Coordination;

/// <summary>
/// Reads how far the broker's last start got from the tail of Kafka's server.log (log4j's "[date] LEVEL message
/// (logger)" lines, Kafka 2.x wording): the last "starting" of kafka.server.KafkaServer opens a start; after it,
/// "Loading logs" (kafka.log.LogManager) begins log loading, "Logs loading complete" ends it, "started" (KafkaServer)
/// ends the start, "Fatal error during KafkaServer startup" fails it. Reads at most <see cref="DefaultMaxBytes"/>
/// from the end of server.log and, when no start is in there (log4j rolled the file during a long recovery), the
/// same from the newest rotated server.log.YYYY-MM-DD-HH before it.
/// </summary>
internal static class ServerLogStartup
{
    public const int DefaultMaxBytes = 1 << 20;

    private const string ServerLogger = "(kafka.server.KafkaServer)";

    public static BrokerStartup Read(string logDir, int maxBytes = DefaultMaxBytes)
    {
        var current = Path.Combine(logDir, "server.log");
        var lines = Tail(current, maxBytes);
        var startup = Evaluate(lines);
        if (startup.Phase != BrokerStartupPhase.Unknown)
        {
            return startup;
        }

        var rotated = Directory.Exists(logDir)
            ? Directory.EnumerateFiles(logDir, "server.log.*").Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return rotated is null ? startup : Evaluate([.. Tail(rotated, maxBytes), .. lines]);
    }

    /// <summary>The phase of the last start in these lines (oldest first).</summary>
    public static BrokerStartup Evaluate(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var start = -1;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (IsStarting(lines[i]))
            {
                start = i;
                break;
            }
        }

        if (start < 0)
        {
            return new BrokerStartup(BrokerStartupPhase.Unknown, null);
        }

        var phase = BrokerStartupPhase.Starting;
        var evidence = lines[start];
        for (var i = start + 1; i < lines.Count; i++)
        {
            var line = lines[i];
            BrokerStartupPhase? next =
                line.Contains("Fatal error during KafkaServer startup", StringComparison.Ordinal) ? BrokerStartupPhase.Failed
                : line.Contains("] started " + ServerLogger, StringComparison.Ordinal) || line.Contains(" started " + ServerLogger, StringComparison.Ordinal) ? BrokerStartupPhase.Started
                : line.Contains("Logs loading complete", StringComparison.Ordinal) ? BrokerStartupPhase.LogsLoaded
                : line.Contains("Loading logs", StringComparison.Ordinal) ? BrokerStartupPhase.LoadingLogs
                : null;
            if (next is { } found && found >= phase)
            {
                phase = found;
                evidence = line;
            }
        }

        return new BrokerStartup(phase, evidence);
    }

    // "INFO starting (kafka.server.KafkaServer)" before the broker id is known, "[KafkaServer id=1] starting" after.
    private static bool IsStarting(string line) =>
        line.EndsWith(ServerLogger, StringComparison.Ordinal)
        && (line.Contains(" starting " + ServerLogger, StringComparison.Ordinal) || line.Contains("] starting " + ServerLogger, StringComparison.Ordinal));

    /// <summary>The whole lines within the last <paramref name="maxBytes"/> bytes of the file; none if it is missing.</summary>
    internal static List<string> Tail(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var skip = Math.Max(0, stream.Length - maxBytes);
            stream.Seek(skip, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = new List<string>();
            if (skip > 0)
            {
                reader.ReadLine(); // a partial first line
            }

            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }

            return lines;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }
}
