namespace KafkaAgent.ZooKeeper;

/// <summary>
/// The server sent a malformed or hostile frame (bad length, truncated record, impossible
/// string or vector size, out-of-order reply). The connection it came on is dropped; the client
/// reconnects as after any connection loss.
/// </summary>
public sealed class ZooKeeperProtocolException : ZooKeeperException
{
    /// <summary>Creates a protocol error with a description of what was wrong.</summary>
    public ZooKeeperProtocolException(string message)
        : base(ZooKeeperErrorCode.MarshallingError, null, message)
    {
    }

    /// <summary>Creates a protocol error with a description and a cause.</summary>
    public ZooKeeperProtocolException(string message, Exception innerException)
        : base(ZooKeeperErrorCode.MarshallingError, null, message, innerException)
    {
    }

    /// <summary>Creates a protocol error with a generic message.</summary>
    public ZooKeeperProtocolException()
        : this("Malformed ZooKeeper frame")
    {
    }
}
