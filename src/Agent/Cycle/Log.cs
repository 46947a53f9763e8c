using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "finding {Id} ({Severity}): {Summary}")]
    public static partial void FindingRaised(ILogger logger, string id, Severity severity, string summary);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "finding {Id} cleared")]
    public static partial void FindingCleared(ILogger logger, string id);
}
