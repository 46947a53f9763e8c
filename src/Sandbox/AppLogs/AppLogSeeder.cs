using KafkaAgent.Sandbox.Native;

namespace KafkaAgent.Sandbox.AppLogs;

/// <summary>
/// Lays down what a broker host's LOG_DIR holds after a day and a half of running: hourly parts of each
/// log4j file (server.log the most, state-change.log only for the hours something changed), rotated GC
/// log parts, and the live files beside them (server.log stays empty: the stand-in's output goes there).
/// </summary>
internal static class AppLogSeeder
{
    private const int Hours = 36;

    /// <summary>(live file, hours back that have a part, bytes per part).</summary>
    private static readonly (string Live, int[] HoursBack, int Bytes)[] Parts =
    [
        ("server.log", Enumerable.Range(1, Hours).ToArray(), 24 * 1024),
        ("controller.log", Enumerable.Range(1, Hours).ToArray(), 6 * 1024),
        ("state-change.log", [30, 20, 9, 2], 3 * 1024),
        ("log-cleaner.log", [33, 8], 1024),
        ("kafka-request.log", [], 0),
        ("kafka-authorizer.log", [], 0),
    ];

    public static IReadOnlyList<string> Seed(string logDir, int brokerId, UserAccount? owner, TimeProvider time)
    {
        var now = time.GetLocalNow();
        var thisHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset);
        var written = new List<string>();
        foreach (var (live, hoursBack, bytes) in Parts)
        {
            foreach (var back in hoursBack)
            {
                var hour = thisHour.AddHours(-back);
                written.Add(WriteHourlyPart(logDir, live, hour, brokerId, bytes, owner));
            }
            var livePath = Path.Combine(logDir, live);
            Write(livePath, live == "server.log" ? [] : AppLogText.HourOf(live, thisHour, brokerId, 200), now, owner);
            written.Add(livePath);
        }
        foreach (var (live, parts, bytes) in new[] { ("kafkaServer-gc.log", 5, 64 * 1024), ("zookeeper-gc.log", 3, 16 * 1024) })
        {
            for (var i = 0; i < parts; i++)
            {
                var start = thisHour.AddHours(-Hours + (i * 6));
                var path = Path.Combine(logDir, AppLogNames.GcPart(live, i));
                Write(path, AppLogText.Gc(start, bytes), start.AddHours(6), owner);
                written.Add(path);
            }
            var livePath = Path.Combine(logDir, live);
            Write(livePath, AppLogText.Gc(thisHour, bytes / 8), now, owner);
            written.Add(livePath);
        }
        return written;
    }

    /// <summary>Writes one hourly part, with the time log4j last wrote it (the end of its hour); returns its path.</summary>
    public static string WriteHourlyPart(string logDir, string live, DateTimeOffset hour, int brokerId, long bytes, UserAccount? owner)
    {
        var path = Path.Combine(logDir, AppLogNames.HourlyPart(live, hour));
        Write(path, AppLogText.HourOf(live, hour, brokerId, bytes), hour.AddHours(1).AddSeconds(-1), owner);
        return path;
    }

    private static void Write(string path, byte[] content, DateTimeOffset lastWrite, UserAccount? owner)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(content);
        }
        File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        if (owner is not null)
        {
            _ = LibC.lchown(path, owner.Uid, owner.Gid);
        }
    }
}
