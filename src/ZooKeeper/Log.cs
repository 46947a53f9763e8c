using KafkaAgent.ZooKeeper.Session;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.ZooKeeper;

/// <summary>The client's log messages; event ids are stable (2000-2099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Connecting to ZooKeeper {Server}")]
    public static partial void Connecting(ILogger logger, HostEndpoint server);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "ZooKeeper session 0x{SessionId:x} established on {Server}, negotiated timeout {TimeoutMs} ms")]
    public static partial void Connected(ILogger logger, long sessionId, HostEndpoint server, double timeoutMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Could not connect to ZooKeeper {Server}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, HostEndpoint server, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Connection to ZooKeeper {Server} lost (session 0x{SessionId:x}): {Reason}")]
    public static partial void ConnectionLost(ILogger logger, HostEndpoint server, long sessionId, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "ZooKeeper {Server} sent a malformed frame; dropping the connection")]
    public static partial void ProtocolError(ILogger logger, HostEndpoint server, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "ZooKeeper session 0x{SessionId:x} expired")]
    public static partial void SessionExpired(ILogger logger, long sessionId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "A ZooKeeper watch or state callback threw")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "ZooKeeper {Server} refused SetWatches with error {Error}")]
    public static partial void SetWatchesFailed(ILogger logger, HostEndpoint server, int error);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "ZooKeeper {Server} sent an auth reply with error {Error}")]
    public static partial void AuthReply(ILogger logger, HostEndpoint server, int error);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "ZooKeeper {Server} refused the session's credentials (addauth) with error {Error}")]
    public static partial void AuthFailed(ILogger logger, HostEndpoint server, int error);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Debug, Message = "Ignored ZooKeeper notification of type {Type} for {Path}")]
    public static partial void IgnoredNotification(ILogger logger, int type, string? path);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Closing ZooKeeper session 0x{SessionId:x}")]
    public static partial void Closing(ILogger logger, long sessionId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "CloseSession for 0x{SessionId:x} was not confirmed: {Reason}")]
    public static partial void CloseUnconfirmed(ILogger logger, long sessionId, string reason);
}
