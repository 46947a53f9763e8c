namespace KafkaAgent.ZooKeeper;

/// <summary>
/// A multi transaction was rejected as a whole. <see cref="ZooKeeperException.Code"/> and
/// <see cref="ZooKeeperException.Path"/> describe the first failing op; <see cref="Results"/> holds one
/// <see cref="OpResult.ErrorCode"/> per op, in order (ops before the failing one report
/// <see cref="ZooKeeperErrorCode.Ok"/>, ops after it <see cref="ZooKeeperErrorCode.RuntimeInconsistency"/>).
/// </summary>
public sealed class ZooKeeperMultiException : ZooKeeperException
{
    /// <summary>Creates the exception from the failing op and all per-op results.</summary>
    public ZooKeeperMultiException(ZooKeeperErrorCode code, string? path, IReadOnlyList<OpResult> results)
        : base(code, path, $"Multi failed: {Describe(code, path)}")
    {
        Results = results;
    }

    /// <summary>Creates the exception with no results.</summary>
    public ZooKeeperMultiException()
        : this(ZooKeeperErrorCode.SystemError, null, [])
    {
    }

    /// <summary>Creates the exception with a message and no results.</summary>
    public ZooKeeperMultiException(string message)
        : base(ZooKeeperErrorCode.SystemError, null, message)
    {
        Results = [];
    }

    /// <summary>Creates the exception with a message, a cause and no results.</summary>
    public ZooKeeperMultiException(string message, Exception innerException)
        : base(ZooKeeperErrorCode.SystemError, null, message, innerException)
    {
        Results = [];
    }

    /// <summary>One result per op, in the order of the request.</summary>
    public IReadOnlyList<OpResult> Results { get; }
}
