namespace KafkaAgent.ZooKeeper;

/// <summary>The result of one multi op.</summary>
public abstract record OpResult
{
    /// <summary>The op's error code; <see cref="ZooKeeperErrorCode.Ok"/> unless this is an <see cref="ErrorResult"/>.</summary>
    public virtual ZooKeeperErrorCode ErrorCode => ZooKeeperErrorCode.Ok;
}

/// <summary>A node was created; <see cref="Path"/> is relative to the chroot and carries any sequential suffix.</summary>
public sealed record CreateResult(string Path) : OpResult;

/// <summary>A node was deleted.</summary>
public sealed record DeleteResult : OpResult;

/// <summary>A node's data was set.</summary>
public sealed record SetDataResult(ZooKeeperStat Stat) : OpResult;

/// <summary>A version check passed.</summary>
public sealed record CheckResult : OpResult;

/// <summary>The op did not apply: its own failure, or Ok/RuntimeInconsistency for ops rolled back with it.</summary>
public sealed record ErrorResult(ZooKeeperErrorCode Code) : OpResult
{
    /// <inheritdoc />
    public override ZooKeeperErrorCode ErrorCode => Code;
}
