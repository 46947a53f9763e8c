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

    [LoggerMessage(104, LogLevel.Information, "Logs loading complete in {Millis} ms.")]
    public static partial void LogsLoaded(ILogger logger, long millis);

    [LoggerMessage(105, LogLevel.Information, "Created log for partition {Partition} in {Dir}")]
    public static partial void CreatedLog(ILogger logger, string partition, string dir);

    [LoggerMessage(106, LogLevel.Warning, "Stopping serving logs in dir {Dir}")]
    public static partial void StoppingReplicasInDir(ILogger logger, string dir);
}
