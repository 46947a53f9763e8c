using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

/// <summary>Cycle events: 4000-4099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "finding {Id} [{Subject}] ({Severity}): {Summary}")]
    public static partial void FindingRaised(ILogger logger, string id, string subject, Severity severity, string summary);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "finding {Id} [{Subject}] cleared")]
    public static partial void FindingCleared(ILogger logger, string id, string subject);
}
