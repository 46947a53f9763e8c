using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.LogDirs;

internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Log directory {Dir} not found, creating it.")]
    public static partial void CreatingLogDir(ILogger logger, string dir);

    [LoggerMessage(101, LogLevel.Error, "{Message}")]
    public static partial void LogDirFailed(ILogger logger, string message, Exception exception);

    [LoggerMessage(102, LogLevel.Information, "Loading logs from log dirs ArraySeq({Dirs})")]
    public static partial void LoadingLogs(ILogger logger, string dirs);

    [LoggerMessage(103, LogLevel.Information, "Recovering unflushed segments: log recovery will take {Seconds} s")]
    public static partial void RecoveringLogs(ILogger logger, double seconds);

    [LoggerMessage(104, LogLevel.Information, "Loaded {Count} logs in {Millis}ms.")]
    public static partial void LogsLoaded(ILogger logger, int count, long millis);

    [LoggerMessage(105, LogLevel.Information, "Created log for partition {Partition} in {Dir}")]
    public static partial void CreatedLog(ILogger logger, string partition, string dir);

    [LoggerMessage(106, LogLevel.Warning, "Stopping serving logs in dir {Dir}")]
    public static partial void StoppingReplicasInDir(ILogger logger, string dir);

    [LoggerMessage(107, LogLevel.Information, "Skipping recovery for all logs in {Dir} since clean shutdown file was found")]
    public static partial void SkippingRecovery(ILogger logger, string dir);

    [LoggerMessage(108, LogLevel.Information, "Attempting recovery for all logs in {Dir} since no clean shutdown file was found")]
    public static partial void AttemptingRecovery(ILogger logger, string dir);

    [LoggerMessage(109, LogLevel.Information, "[Log partition={Partition}, dir={Dir}] Recovering unflushed segment 0")]
    public static partial void RecoveringSegment(ILogger logger, string partition, string dir);

    [LoggerMessage(110, LogLevel.Information, "Shutting down.")]
    public static partial void ShuttingDown(ILogger logger);

    [LoggerMessage(111, LogLevel.Information, "Shutdown complete.")]
    public static partial void ShutdownComplete(ILogger logger);

    [LoggerMessage(112, LogLevel.Error, "Writing the clean shutdown marker in {Dir} failed: {Reason}")]
    public static partial void MarkerNotWritten(ILogger logger, string dir, string reason);
}
