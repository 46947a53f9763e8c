using Microsoft.Extensions.Logging;

namespace KafkaAgent.Probes;

/// <summary>Probe events: 5000-5099 (the table of every area's range is in README.md, Layout).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Probe {Probe} failed with an unexpected exception: its check reports UNKNOWN")]
    public static partial void ProbeFailed(ILogger logger, string probe, Exception exception);
}
