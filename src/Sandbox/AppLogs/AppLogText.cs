using System.Globalization;
using System.Text;

namespace KafkaAgent.Sandbox.AppLogs;

/// <summary>
/// Lines that read like a quiet broker's application logs in log4j's "[%d] %p %m (%c)%n" layout, so the
/// parts the sandbox lays down grep like real ones. The words are the sandbox's own.
/// </summary>
internal static class AppLogText
{
    private static readonly Dictionary<string, string[]> Lines = new(StringComparer.Ordinal)
    {
        ["server.log"] =
        [
            "INFO [GroupMetadataManager brokerId={0}] Removed 0 expired offsets in 0 milliseconds. (kafka.coordinator.group.GroupMetadataManager)",
            "INFO [ProducerStateManager partition=orders-0] Wrote producer snapshot at offset 0 with 0 producer ids in 1 ms. (kafka.log.ProducerStateManager)",
            "INFO [Log partition=payments-1, dir=/var/kafka] Rolled new log segment at offset 0 in 2 ms. (kafka.log.Log)",
        ],
        ["controller.log"] =
        [
            "INFO [Controller id={0}] Processing automatic preferred replica leader election (kafka.controller.KafkaController)",
            "TRACE [Controller id={0}] Checking need to trigger auto leader balancing (kafka.controller.KafkaController)",
        ],
        ["state-change.log"] =
        [
            "INFO [Broker id={0}] Add 0 partitions and deleted 0 partitions from metadata cache in response to UpdateMetadata request sent by controller {0} epoch 1 with correlation id 0 (state.change.logger)",
        ],
        ["log-cleaner.log"] = ["INFO Starting the log cleaner (kafka.log.LogCleaner)"],
        ["kafka-request.log"] = ["WARN Completed request with a response of 1048600 bytes (kafka.request.logger)"],
        ["kafka-authorizer.log"] = ["INFO Principal = User:ANONYMOUS is Allowed Operation = Describe from host = 127.0.0.1 (kafka.authorizer.logger)"],
    };

    /// <summary>About <paramref name="bytes"/> of lines for the hour starting at <paramref name="hour"/>.</summary>
    public static byte[] HourOf(string live, DateTimeOffset hour, int brokerId, long bytes)
    {
        var templates = Lines.GetValueOrDefault(live) ?? Lines["server.log"];
        var text = new StringBuilder((int)Math.Min(bytes + 512, int.MaxValue));
        var step = TimeSpan.FromSeconds(3600.0 / Math.Max(1, bytes / 120));
        var at = hour;
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append('[').Append(at.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)).Append("] ")
                .Append(string.Format(CultureInfo.InvariantCulture, templates[i % templates.Length], brokerId)).Append('\n');
            at = at + step < hour.AddHours(1) ? at + step : at;
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>About <paramref name="bytes"/> of JVM unified-logging GC lines (decorators time,tags).</summary>
    public static byte[] Gc(DateTimeOffset start, long bytes)
    {
        var text = new StringBuilder((int)bytes + 256);
        var at = start;
        for (var gc = 0; text.Length < bytes; gc++)
        {
            text.Append('[').Append(at.ToString("yyyy-MM-ddTHH:mm:ss.fffzz00", CultureInfo.InvariantCulture)).Append("][gc] GC(")
                .Append(gc.ToString(CultureInfo.InvariantCulture)).Append(") Pause Young (Normal) (G1 Evacuation Pause) 212M->38M(1024M) 4.113ms\n");
            at = at.AddSeconds(17);
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
