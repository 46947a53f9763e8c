using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>
/// The cluster lock, held. A lock is held by a ZooKeeper session, not by a process: once the session expires,
/// another contender may already hold it. So the holder calls <see cref="VerifyAsync"/> right before each side
/// effect, and <see cref="Lost"/> cancels as soon as the client learns that its session expired or closed.
/// Dispose releases (deletes the node).
/// </summary>
internal sealed class LockLease : IAsyncDisposable
{
    private readonly ZooKeeperClient _client;
    private readonly CancellationTokenSource _lost = new();
    private readonly LockHeldGauge? _gauge;
    private int _released;
    private int _counted;

    internal LockLease(ZooKeeperClient client, string path, LockOwner owner, long sessionId, LockHeldGauge? gauge = null)
    {
        this._client = client;
        this._gauge = gauge;
        if (gauge is not null)
        {
            gauge.Acquired();
            _counted = 1;
            _lost.Token.Register(Uncount);
        }

        Path = path;
        Owner = owner;
        SessionId = sessionId;
        client.StateChanged += OnStateChanged;
        if (client.State is ZooKeeperState.Expired or ZooKeeperState.Closed || client.SessionId != sessionId)
        {
            _lost.Cancel();
        }
    }

    /// <summary>The lock node, relative to the chroot.</summary>
    public string Path { get; }

    public LockOwner Owner { get; }

    /// <summary>The session that owns the lock node.</summary>
    public long SessionId { get; }

    /// <summary>Cancelled when the owning session expired or the client closed: the lock is no longer held.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// True only when, right now, the session is connected, is the one that created the node, and the node still
    /// exists owned by it (a round trip through the ensemble). A client that is disconnected cannot prove its session
    /// is alive, so it gets false; it may ask again once reconnected.
    /// </summary>
    public async Task<bool> VerifyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _released) == 1 || _lost.IsCancellationRequested || _client.State != ZooKeeperState.Connected || _client.SessionId != SessionId)
        {
            return false;
        }

        try
        {
            var stat = await _client.ExistsAsync(Path, cancellationToken: cancellationToken);
            return stat is not null && stat.EphemeralOwner == SessionId && _client.SessionId == SessionId;
        }
        catch (ZooKeeperException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes the lock node. Returns false when it could not be deleted (connection lost): the node then goes
    /// only with the session, so the caller should close that session rather than keep it and block everyone.
    /// </summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return true;
        }

        _client.StateChanged -= OnStateChanged;
        try
        {
            if (_lost.IsCancellationRequested)
            {
                return true; // The session is gone, and its ephemeral node with it.
            }

            await ClusterLock.DeleteOwnNodeAsync(_client, Path, SessionId, cancellationToken);
            return true;
        }
        catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.SessionExpired)
        {
            return true;
        }
        catch (Exception ex) when (ex is ZooKeeperException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _lost.Cancel();
            _lost.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private void Uncount()
    {
        if (Interlocked.Exchange(ref _counted, 0) == 1)
        {
            _gauge?.Released();
        }
    }

    private void OnStateChanged(object? sender, ZooKeeperState state)
    {
        if (state is ZooKeeperState.Expired or ZooKeeperState.Closed)
        {
            try
            {
                _lost.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Released meanwhile.
            }
        }
    }
}
