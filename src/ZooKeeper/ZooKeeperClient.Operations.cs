using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Requests;

namespace KafkaAgent.ZooKeeper;

/// <summary>The operations. Paths are absolute within the chroot ("/brokers/ids"); bad paths throw <see cref="ArgumentException"/>.</summary>
public sealed partial class ZooKeeperClient
{
    /// <summary>The node's stat, or null when it does not exist. A watcher fires once when the node is created, changed or deleted.</summary>
    public Task<ZooKeeperStat?> ExistsAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(new ExistsRequest(path, _paths.ToServer(path), watcher), cancellationToken);

    /// <summary>The node's data and stat (NoNode if absent). A watcher fires once when the data changes or the node is deleted.</summary>
    public Task<ZooKeeperData> GetDataAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(new GetDataRequest(path, _paths.ToServer(path), watcher), cancellationToken);

    /// <summary>The node's children and stat (NoNode if absent). A watcher fires once when a child is added or removed, or the node is deleted.</summary>
    public Task<ZooKeeperChildren> GetChildrenAsync(string path, Action<WatchedEvent>? watcher = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(new GetChildrenRequest(path, _paths.ToServer(path), watcher), cancellationToken);

    /// <summary>
    /// Creates a node with <see cref="ZooKeeperClientOptions.CreateAcl"/> (default world:anyone, all permissions) and
    /// returns its path relative to the chroot, with any sequential suffix.
    /// </summary>
    public Task<string> CreateAsync(string path, ReadOnlyMemory<byte> data, CreateMode mode = CreateMode.Persistent, CancellationToken cancellationToken = default)
    {
        _ = JuteCodec.ToFlags(mode);
        return SubmitAsync(new CreateRequest(path, _paths.ToServer(path, JuteCodec.IsSequential(mode)), data, mode, CreateAcl), cancellationToken);
    }

    private IReadOnlyList<ZooKeeperAcl> CreateAcl => _options.CreateAcl ?? ZooKeeperAcl.OpenUnsafe;

    /// <summary>Sets the node's data if its version matches (-1: any) and returns the new stat.</summary>
    public Task<ZooKeeperStat> SetDataAsync(string path, ReadOnlyMemory<byte> data, int version = -1, CancellationToken cancellationToken = default) =>
        SubmitAsync(new SetDataRequest(path, _paths.ToServer(path), data, version), cancellationToken);

    /// <summary>Deletes the node if its version matches (-1: any).</summary>
    public Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default) =>
        SubmitAsync(new DeleteRequest(path, _paths.ToServer(path), version), cancellationToken);

    /// <summary>
    /// Applies the ops atomically. Returns one result per op; when the transaction is rejected,
    /// throws <see cref="ZooKeeperMultiException"/> carrying the per-op results.
    /// </summary>
    public Task<IReadOnlyList<OpResult>> MultiAsync(IReadOnlyList<Op> ops, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ops);
        foreach (var op in ops)
        {
            if (op is CreateOp create)
            {
                _ = JuteCodec.ToFlags(create.Mode);
            }
        }

        return SubmitAsync(new MultiRequest(ops, _paths, CreateAcl), cancellationToken);
    }

    private Task<T> SubmitAsync<T>(Request<T> request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var refusal = Refusal(request.Path);
        if (refusal is not null)
        {
            return Task.FromException<T>(refusal);
        }

        request.Deadline = _session.Deadline(_options.RequestTimeout);

        // Cancelling ends the caller's wait only: a sent request stays in the pipeline and its reply is discarded.
        if (cancellationToken.CanBeCanceled)
        {
            request.CancelWith(cancellationToken);
        }

        Enqueue(request);

        // Expiry or close may have drained the queue between the check and the enqueue.
        refusal = Refusal(request.Path);
        if (refusal is not null)
        {
            request.Fail(refusal);
        }

        return request.Task;
    }

    /// <summary>Queues a request and gets it written: by the caller itself on an idle connection, else by the writer loop.</summary>
    private void Enqueue(Request request)
    {
        _session.Outgoing.Enqueue(request);
        if (Volatile.Read(ref _connection)?.Writer.TryWriteNow() != true)
        {
            _session.Outgoing.Signal();
        }
    }

    private Exception? Refusal(string? path)
    {
        if (Volatile.Read(ref _closing) == 1)
        {
            return new ObjectDisposedException(nameof(ZooKeeperClient), "The ZooKeeper client is closed");
        }

        return State == ZooKeeperState.Expired
            ? new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, path, $"ZooKeeper session 0x{SessionId:x} has expired; create a new client")
            : null;
    }
}
