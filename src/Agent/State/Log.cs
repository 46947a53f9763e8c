using Microsoft.Extensions.Logging;

namespace KafkaAgent.State;

/// <summary>State events: 6000-6099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Error,
        Message = "State file {Path} is unreadable ({Reason}); kept aside as {KeptAs}. Circuits start closed and disruptive actions stay in observe until `kafka-agent reset`")]
    public static partial void StateCorrupt(ILogger logger, string path, string reason, string keptAs);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Removed a temporary state file left by an interrupted write: {Path}")]
    public static partial void StaleTempRemoved(ILogger logger, string path);
}
