using Microsoft.Extensions.Logging;

namespace KafkaAgent.Diagnosis;

/// <summary>
/// Journal priority of a finding: critical at error, so `journalctl -p err -u kafka-agent` shows Kafka down; warnings
/// at warning; informational notes (an operator's stop) at info. Events 4100-4199.
/// </summary>
internal static partial class FindingLog
{
    public static LogLevel LevelOf(Severity severity) => severity switch
    {
        Severity.Critical => LogLevel.Error,
        Severity.Warning => LogLevel.Warning,
        _ => LogLevel.Information,
    };

    /// <summary>One journal line for a finding that appeared (or whose numbers changed), at its severity's priority.</summary>
    public static void Raised(ILogger logger, Finding finding)
    {
        var level = LevelOf(finding.Severity);
        if (logger.IsEnabled(level))
        {
            Raised(logger, level, finding.Id, finding.Severity, finding.Summary);
        }
    }

    [LoggerMessage(EventId = 4101, Message = "finding {Id} ({Severity}): {Summary}")]
    private static partial void Raised(ILogger logger, LogLevel level, string id, Severity severity, string summary);
}
