using Microsoft.Extensions.Logging;

namespace KafkaAgent.Remediation;

/// <summary>Remediation events: 5000-5099. One line per decision and one per outcome.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "heal {Action} on {Target} for {Finding}: starting")]
    public static partial void ActionStarting(ILogger logger, string action, string target, string finding);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "heal {Action} on {Target}: success in {Seconds:0.0} s: {Detail}")]
    public static partial void ActionSucceeded(ILogger logger, string action, string target, double seconds, string detail);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "heal {Action} on {Target}: failure after {Seconds:0.0} s: {Detail}")]
    public static partial void ActionFailed(ILogger logger, string action, string target, double seconds, string detail);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "heal {Action} on {Target} for {Finding}: skipped ({Reason}): {Detail}")]
    public static partial void ActionSkipped(ILogger logger, string action, string target, string finding, string reason, string detail);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error,
        Message = "heal {Action}: circuit open: {Detail}; no more attempts until the cool-off ends or `kafka-agent reset {Action}`")]
    public static partial void CircuitOpened(ILogger logger, string action, string detail);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "heal {Action}: attempt failed ({Detail}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string action, string detail, TimeSpan delay);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "cannot read or write the agent state; no action this cycle: {Reason}")]
    public static partial void StateUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning,
        Message = "heal reclaim_log_dirs: deleted partition {Partition} from {LogDir} ({Bytes} bytes): {Replicas}; this broker fetches it back from them")]
    public static partial void PartitionReclaimed(ILogger logger, string partition, string logDir, long bytes, string replicas);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "heal reclaim_log_dirs: kept partition {Partition} in {LogDir}: {Reason}")]
    public static partial void PartitionKept(ILogger logger, string partition, string logDir, string reason);
}
