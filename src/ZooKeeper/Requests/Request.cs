using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Session;
using KafkaAgent.ZooKeeper.Watches;

namespace KafkaAgent.ZooKeeper.Requests;

/// <summary>What a reply needs from the session: the chroot mapping and the watch tables.</summary>
internal sealed record RequestContext(ZooKeeperPath Paths, WatchRegistry Watches);

/// <summary>
/// One pipelined request: written by the connection's writer, answered in order by the reader.
/// The caller's wait can end early (cancelled, timed out) without the request leaving the pipeline,
/// so the reply still finds its place.
/// </summary>
internal abstract class Request
{
    protected Request(int opCode, string? path)
    {
        Type = opCode;
        Path = path;
    }

    public int Type { get; }

    /// <summary>The caller's (chroot-relative) path, for errors.</summary>
    public string? Path { get; }

    public int Xid { get; set; }

    /// <summary>TimeProvider timestamp after which the caller's wait ends.</summary>
    public long Deadline { get; set; } = long.MaxValue;

    public abstract bool IsCompleted { get; }

    public abstract void WriteBody(JuteWriter writer);

    /// <summary>Reads the reply body (when <paramref name="header"/> carries no error) and ends the caller's wait.</summary>
    public abstract void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context);

    public abstract void Fail(Exception exception);

    public abstract void Cancel(CancellationToken cancellationToken);

    protected ZooKeeperException Error(int err) => new((ZooKeeperErrorCode)err, Path);
}

/// <summary>A request whose caller awaits a <typeparamref name="T"/>.</summary>
internal abstract class Request<T> : Request
{
    // Continuations never run on the socket reader.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;

    protected Request(int opCode, string? path)
        : base(opCode, path)
    {
    }

    public Task<T> Task => _completion.Task;

    public override bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>Lets the caller's token end the wait; the registration goes when the request completes, so a long-lived token collects nothing.</summary>
    public void CancelWith(CancellationToken cancellationToken) =>
        _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Request)state!).Cancel(token), this);

    public override void Fail(Exception exception)
    {
        if (_completion.TrySetException(exception))
        {
            _cancellation.Unregister();
        }
    }

    public override void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);

    protected void SetResult(T value)
    {
        if (_completion.TrySetResult(value))
        {
            _cancellation.Unregister();
        }
    }
}
