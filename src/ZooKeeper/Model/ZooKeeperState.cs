namespace KafkaAgent.ZooKeeper;

/// <summary>The client's view of its session.</summary>
public enum ZooKeeperState
{
    /// <summary>The first connection is being established.</summary>
    Connecting,
    /// <summary>Connected to a server; the session is live.</summary>
    Connected,
    /// <summary>The connection was lost; the client is reconnecting and the session may still be resumed.</summary>
    Disconnected,
    /// <summary>The server expired the session; this client is finished, create a new one.</summary>
    Expired,
    /// <summary>The client was disposed.</summary>
    Closed,
}
