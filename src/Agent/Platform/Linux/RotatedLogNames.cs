namespace KafkaAgent.Platform.Linux;

/// <summary>
/// Which names in Kafka's LOG_DIR are rotated application logs or heap dumps. log4j rotates server.log and its
/// siblings hourly to NAME.log.YYYY-MM-DD-HH and never deletes them; the JVM's GC log rotation leaves
/// kafkaServer-gc.log.N (the one being written is kafkaServer-gc.log, or kafkaServer-gc.log.N.current on Java 8).
/// </summary>
internal static class RotatedLogNames
{
    private static readonly string[] Log4jLogs =
        ["server.log.", "controller.log.", "state-change.log.", "log-cleaner.log.", "kafka-request.log.", "kafka-authorizer.log."];

    private static readonly string[] GcLogs = ["kafkaServer-gc.log.", "zookeeper-gc.log."];

    public static bool IsCandidate(string name)
    {
        foreach (var prefix in Log4jLogs)
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var prefix in GcLogs)
        {
            // Java 8 marks the file being written with .current: never that one.
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && !name.EndsWith(".current", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return name.EndsWith(".hprof", StringComparison.Ordinal) && name.Length > ".hprof".Length;
    }
}
