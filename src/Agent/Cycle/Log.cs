using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

/// <summary>Cycle events: 4000-4099.</summary>
internal static partial class Log
{
    // Placeholder names are field names in logging.format json (State.Finding): keep them stable.
    // At the finding's priority (FindingLog.LevelOf): critical is err, so `journalctl -p err` shows Kafka down.
    [LoggerMessage(EventId = 4001, Message = "finding {Finding} [{Subject}] ({Severity}): {Summary}")]
    public static partial void FindingRaised(ILogger logger, LogLevel level, string finding, string subject, Severity severity, string summary);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "finding {Finding} [{Subject}] cleared")]
    public static partial void FindingCleared(ILogger logger, string finding, string subject);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "an event arrived while observing: observing again ({Restart})")]
    public static partial void ObservationRestarted(ILogger logger, int restart);
}
