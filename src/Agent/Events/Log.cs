using Microsoft.Extensions.Logging;

namespace KafkaAgent.Events;

/// <summary>Event-driven detection: 1500-1599.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Debug, Message = "Cycle requested by {Event}")]
    public static partial void CycleRequested(ILogger logger, DetectionEvent @event);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Running a cycle now: {Events}")]
    public static partial void Woken(ILogger logger, IReadOnlyList<DetectionEvent> events);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Watching {Service} pid {Pid} for exit ({Source})")]
    public static partial void WatchingProcess(ILogger logger, string service, int pid, string source);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "{Service}: {Detail}")]
    public static partial void ProcessNotWatched(ILogger logger, string service, string detail);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "{Service} pid {Pid} exited")]
    public static partial void ProcessExited(ILogger logger, string service, int pid);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Own registration {Path} was deleted")]
    public static partial void RegistrationDeleted(ILogger logger, string path);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "Own ZooKeeper session: {State}")]
    public static partial void SessionState(ILogger logger, string state);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Own ZooKeeper session 0x{SessionId:x} connected, watching {Path}")]
    public static partial void SessionConnected(ILogger logger, long sessionId, string path);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Debug, Message = "Registration watch not armed: {Reason}")]
    public static partial void WatchNotArmed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Warning, Message = "{Path} is {Ratio:P1} full, above {Threshold:P0}")]
    public static partial void DiskCrossed(ILogger logger, string path, double ratio, double threshold);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Warning, Message = "Event source {Source} failed: {Reason}")]
    public static partial void SourceFailed(ILogger logger, string source, string reason, Exception exception);
}
