namespace KafkaAgent.ZooKeeper;

/// <summary>A ZooKeeper operation failed; <see cref="Code"/> is ZooKeeper's own error code.</summary>
public class ZooKeeperException : Exception
{
    /// <summary>Creates an exception with the server's (or the client's) error code and the path involved.</summary>
    public ZooKeeperException(ZooKeeperErrorCode code, string? path = null, string? message = null, Exception? innerException = null)
        : base(message ?? Describe(code, path), innerException)
    {
        Code = code;
        Path = path;
    }

    /// <summary>Creates an exception with <see cref="ZooKeeperErrorCode.SystemError"/>.</summary>
    public ZooKeeperException()
        : this(ZooKeeperErrorCode.SystemError)
    {
    }

    /// <summary>Creates an exception with <see cref="ZooKeeperErrorCode.SystemError"/> and a message.</summary>
    public ZooKeeperException(string message)
        : this(ZooKeeperErrorCode.SystemError, null, message)
    {
    }

    /// <summary>Creates an exception with <see cref="ZooKeeperErrorCode.SystemError"/>, a message and a cause.</summary>
    public ZooKeeperException(string message, Exception innerException)
        : this(ZooKeeperErrorCode.SystemError, null, message, innerException)
    {
    }

    /// <summary>ZooKeeper's error code.</summary>
    public ZooKeeperErrorCode Code { get; }

    /// <summary>The path (relative to the chroot) the operation was about, when there is one.</summary>
    public string? Path { get; }

    internal static string Describe(ZooKeeperErrorCode code, string? path)
    {
        var name = Enum.IsDefined(code) ? code.ToString() : "Unknown";
        return path is null
            ? $"ZooKeeper error {name} ({(int)code})"
            : $"ZooKeeper error {name} ({(int)code}) for {path}";
    }
}
