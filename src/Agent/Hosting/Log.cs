using Microsoft.Extensions.Logging;

namespace KafkaAgent.Hosting;

/// <summary>Hosting events: 1000-1099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Worker started: a cycle every {Interval}, cycle timeout {CycleTimeout}, watchdog timeout {Watchdog} (zero: none)")]
    public static partial void WorkerStarted(ILogger logger, TimeSpan interval, TimeSpan cycleTimeout, TimeSpan watchdog);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Cycle finished: {Summary}")]
    public static partial void CycleFinished(ILogger logger, string summary);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Cycle failed: {Reason}")]
    public static partial void CycleFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Cycle exceeded its timeout of {CycleTimeout} and was cancelled")]
    public static partial void CycleTimedOut(ILogger logger, TimeSpan cycleTimeout);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Critical,
        Message = "Cycle still running {Elapsed} after it was cancelled: the loop is wedged; {Consequence}")]
    public static partial void CycleWedged(ILogger logger, TimeSpan elapsed, string consequence);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "sd_notify {Variable} failed: {Reason}")]
    public static partial void NotifyFailed(ILogger logger, string variable, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "alive: {Status}")]
    public static partial void Heartbeat(ILogger logger, string status);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "reload: applied {Count} change(s): {Changes}")]
    public static partial void ReloadApplied(ILogger logger, int count, string changes);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "reload: kept the running configuration: {Problem}")]
    public static partial void ReloadRejected(ILogger logger, string problem);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "reload: {Path} read again, nothing changed")]
    public static partial void ReloadUnchanged(ILogger logger, string path);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "{Key}: {Path} ({Source})")]
    public static partial void ConfigFileFound(ILogger logger, string key, string path, string source);
}
