using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Cycle;

internal static partial class Log
{
    // Placeholder names are field names in logging.format json (State.Finding): keep them stable.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "finding {Finding} ({Severity}): {Summary}")]
    public static partial void FindingRaised(ILogger logger, string finding, Severity severity, string summary);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "finding {Finding} cleared")]
    public static partial void FindingCleared(ILogger logger, string finding);
}
