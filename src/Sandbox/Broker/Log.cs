using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Broker;

internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Information, "[KafkaServer id={BrokerId}] {What}")]
    public static partial void Server(ILogger logger, int brokerId, string what);

    [LoggerMessage(201, LogLevel.Information, "Connecting to zookeeper on {Connect}")]
    public static partial void ConnectingToZooKeeper(ILogger logger, string connect);

    [LoggerMessage(202, LogLevel.Information, "Cluster ID = {ClusterId}")]
    public static partial void ClusterId(ILogger logger, string clusterId);

    [LoggerMessage(203, LogLevel.Information, "Registered broker {BrokerId} at path {Path} with addresses: {Endpoints}, czxid (broker epoch): {Czxid}")]
    public static partial void Registered(ILogger logger, int brokerId, string path, string endpoints, long czxid);

    [LoggerMessage(204, LogLevel.Error, "Error while creating ephemeral at {Path}, node already exists and owner '{Owner}' does not match current session '{Session}'")]
    public static partial void EphemeralOwnedByOther(ILogger logger, string path, long owner, long session);

    [LoggerMessage(205, LogLevel.Critical, "Fatal error during KafkaServer startup. Prepare to shutdown")]
    public static partial void FatalStartup(ILogger logger, Exception exception);

    // Kafka 2.8 sets the "[KafkaServer id=N] " prefix once broker.id is known, before anything that can fail here.
    [LoggerMessage(219, LogLevel.Critical, "[KafkaServer id={BrokerId}] Fatal error during KafkaServer startup. Prepare to shutdown")]
    public static partial void FatalServerStartup(ILogger logger, int brokerId, Exception exception);

    [LoggerMessage(206, LogLevel.Critical, "{Message}")]
    public static partial void Fatal(ILogger logger, string message);

    [LoggerMessage(207, LogLevel.Information, "[Controller id={BrokerId}] {BrokerId} successfully elected as the controller. Epoch incremented to {Epoch}")]
    public static partial void ElectedController(ILogger logger, int brokerId, int epoch);

    [LoggerMessage(208, LogLevel.Information, "[Controller epoch={Epoch}] Changed partition {Partition} to leader {Leader} and isr [{Isr}]")]
    public static partial void PartitionStateChanged(ILogger logger, int epoch, string partition, int leader, string isr);

    [LoggerMessage(209, LogLevel.Warning, "[ZooKeeperClient Kafka server] {What}")]
    public static partial void Session(ILogger logger, string what);

    [LoggerMessage(210, LogLevel.Error, "Error while calling handler after initializing session: {What}")]
    public static partial void ReRegisterFailed(ILogger logger, string what);

    [LoggerMessage(211, LogLevel.Warning, "Sandbox fault mode now: {Modes}")]
    public static partial void FaultModeChanged(ILogger logger, string modes);

    [LoggerMessage(212, LogLevel.Warning, "Error refreshing metadata from ZooKeeper: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string reason);

    [LoggerMessage(213, LogLevel.Information, "Closing connection from {Remote}: {Reason}")]
    public static partial void ClosingConnection(ILogger logger, string? remote, string? reason);

    [LoggerMessage(214, LogLevel.Warning, "The configuration '{Key}' was supplied but isn't a known config.")]
    public static partial void UnknownConfig(ILogger logger, string key);

    [LoggerMessage(215, LogLevel.Information, "starting")]
    public static partial void Starting(ILogger logger);

    [LoggerMessage(216, LogLevel.Critical, "[KafkaServer id={BrokerId}] Fatal error during KafkaServer shutdown.")]
    public static partial void FatalShutdown(ILogger logger, int brokerId, Exception exception);

    [LoggerMessage(217, LogLevel.Information, "Registered signal handlers for TERM, INT, HUP")]
    public static partial void SignalHandlersRegistered(ILogger logger);

    [LoggerMessage(218, LogLevel.Information, "Terminating process due to signal {Signal}")]
    public static partial void TerminatingOnSignal(ILogger logger, string signal);
}
