using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "cluster lock acquired: {Path} for {Action} on broker {BrokerId}")]
    public static partial void LockAcquired(ILogger logger, string path, string action, int brokerId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "cluster lock busy: {Action} waits for {Predecessor} ({Ahead} ahead)")]
    public static partial void LockWaiting(ILogger logger, string action, string predecessor, int ahead);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "cluster lock not acquired for {Action} within {Seconds} s")]
    public static partial void LockTimedOut(ILogger logger, string action, double seconds);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "cluster lock: connection lost during create of {Prefix}; own node found again: {Found}")]
    public static partial void CreateLostConnection(ILogger logger, string prefix, string? found);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "cluster lock: could not withdraw {What} ({Reason}); it goes with the session")]
    public static partial void WithdrawFailed(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "host report {Path} belonged to session 0x{Owner:x}; replaced by this agent's")]
    public static partial void HostReportReplaced(ILogger logger, string path, long owner);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "heal {Action} on {Target}: guards passed: {Detail}")]
    public static partial void GuardsPassed(ILogger logger, string action, string target, string detail);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "min.insync.replicas of server.properties not read ({Reason}); topic and broker configs decide")]
    public static partial void ServerMinIsrUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Debug, Message = "host report not published: {Reason}")]
    public static partial void HostReportNotPublished(ILogger logger, string reason);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "stale registration: deleted {Path} ({Registration}) and /controller ({Controller}), owned by session 0x{Session:x} of Kafka pid {Pid}, which the agent saw exit")]
    public static partial void StaleRegistrationDeleted(ILogger logger, string path, bool registration, bool controller, long session, int pid);
}
