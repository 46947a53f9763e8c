using System.Globalization;

namespace KafkaAgent.Sandbox.AppLogs;

/// <summary>
/// File names in Kafka's LOG_DIR as Kafka 2.8's stock log4j.properties and kafka-run-class.sh make them:
/// DailyRollingFileAppender with DatePattern '.'yyyy-MM-dd-HH (hourly parts, never deleted by Kafka),
/// and the JVM's GC log kept as numbered parts (-Xlog:gc*:file=...:filecount=10).
/// </summary>
internal static class AppLogNames
{
    /// <summary>The log4j files, each rolled hourly by its own appender.</summary>
    public static readonly IReadOnlyList<string> Hourly =
        ["server.log", "controller.log", "state-change.log", "log-cleaner.log", "kafka-request.log", "kafka-authorizer.log"];

    /// <summary>GC logs of the broker (DAEMON_NAME kafkaServer) and of ZooKeeper started by Kafka's scripts.</summary>
    public static readonly IReadOnlyList<string> GcLogs = ["kafkaServer-gc.log", "zookeeper-gc.log"];

    /// <summary>server.log.2026-11-27-13: what log4j renames the live file to when the hour turns.</summary>
    public static string HourlyPart(string live, DateTimeOffset hour) =>
        live + "." + hour.ToString("yyyy-MM-dd-HH", CultureInfo.InvariantCulture);

    /// <summary>kafkaServer-gc.log.3: a rotated GC log part.</summary>
    public static string GcPart(string live, int index) => live + "." + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The hour an hourly part covers, read back from its name; null for anything else.</summary>
    public static DateTimeOffset? HourOf(string fileName, string live, TimeSpan offset)
    {
        if (!fileName.StartsWith(live + ".", StringComparison.Ordinal))
        {
            return null;
        }
        return DateTime.TryParseExact(fileName[(live.Length + 1)..], "yyyy-MM-dd-HH", CultureInfo.InvariantCulture, DateTimeStyles.None, out var hour)
            ? new DateTimeOffset(hour, offset)
            : null;
    }
}
