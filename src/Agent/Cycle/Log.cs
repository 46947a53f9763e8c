using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

/// <summary>Cycle events: 4000-4099.</summary>
internal static partial class Log
{
    // Placeholder names are field names in logging.format json (State.Finding): keep them stable.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "finding {Finding} [{Subject}] ({Severity}): {Summary}")]
    public static partial void FindingRaised(ILogger logger, string finding, string subject, Severity severity, string summary);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "finding {Finding} [{Subject}] cleared")]
    public static partial void FindingCleared(ILogger logger, string finding, string subject);
}
