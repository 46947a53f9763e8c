using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

/// <summary>
/// ZooKeeper's lock recipe, through the ensemble: every contender creates an ephemeral-sequential node in
/// <see cref="CoordinationPaths.DisruptiveLock"/>; the lowest sequence holds the lock; every other contender
/// watches only the node just before its own (an exists watch, re-armed), so a release wakes one contender,
/// not the whole queue. Only operations ZooKeeper 3.4 has (create, getChildren, exists, delete).
/// </summary>
/// <remarks>
/// The node's name carries a new guid per attempt: a create whose reply is lost with the connection may still
/// have happened, so the contender looks for its own node by that prefix instead of creating a second one and
/// queueing behind itself. A contender that gives up (time, cancellation, error) deletes what it created; what it
/// cannot delete goes with its session.
/// </remarks>
/// <param name="gauge">kafka_agent_lock_held, when the agent exports metrics.</param>
internal sealed class ClusterLock(ZooKeeperClient client, TimeProvider time, ILogger logger, string queuePath = CoordinationPaths.DisruptiveLock, LockHeldGauge? gauge = null)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the lock. Returns the lease, or null when the wait ran out (nothing of
    /// this attempt stays in the queue). Throws <see cref="ZooKeeperException"/> (SessionExpired) when the session
    /// ended while waiting: a new session must try again. Cancellation throws and withdraws.
    /// </summary>
    public async Task<LockLease?> AcquireAsync(LockOwner owner, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        var session = client.SessionId;
        var prefix = LockNode.NewAttemptPrefix();
        try
        {
            await EnsureQueueAsync(token);
            var mine = await CreateOwnNodeAsync(prefix, owner.ToBytes(), token);
            while (true)
            {
                var children = await RetryAsync(t => client.GetChildrenAsync(queuePath, cancellationToken: t), token);
                var queue = LockNode.Queue(children.Children);
                var own = queue.Where(n => n.AttemptPrefix == prefix).ToList();
                if (own.Count == 0)
                {
                    // Our ephemeral node is gone: the session that made it ended.
                    throw new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, $"{queuePath}/{mine}", $"The lock node {mine} vanished: ZooKeeper session 0x{session:x} ended while waiting");
                }

                // A create retried after its first reply was lost may have happened twice; keep the first.
                foreach (var duplicate in own.Skip(1))
                {
                    await DeleteQuietlyAsync($"{queuePath}/{duplicate.Name}", session);
                }

                mine = own[0].Name;
                var index = queue.IndexOf(own[0]);
                if (index == 0)
                {
                    var lease = new LockLease(client, $"{queuePath}/{mine}", owner, session, gauge);
                    Log.LockAcquired(logger, lease.Path, owner.Action, owner.BrokerId);
                    return lease;
                }

                var predecessor = $"{queuePath}/{queue[index - 1].Name}";
                var changed = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (await RetryAsync(t => client.ExistsAsync(predecessor, e => changed.TrySetResult(e), t), token) is null)
                {
                    continue; // Gone between the two reads: look again.
                }

                Log.LockWaiting(logger, owner.Action, predecessor, index);
                var fired = await changed.Task.WaitAsync(token);
                if (fired.Type == WatchEventType.None)
                {
                    throw new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, predecessor, $"ZooKeeper session 0x{session:x} ended while waiting for the lock");
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ZooKeeperException or TimeoutException)
        {
            await WithdrawAsync(prefix, session);
            if (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Log.LockTimedOut(logger, owner.Action, wait.TotalSeconds);
                return null;
            }

            throw;
        }
    }

    /// <summary>Who holds the lock and who waits, in queue order (at most <paramref name="limit"/> nodes read).</summary>
    public static async Task<LockQueueView> ReadAsync(ZooKeeperClient client, CancellationToken cancellationToken, int limit = 16, string queuePath = CoordinationPaths.DisruptiveLock)
    {
        ArgumentNullException.ThrowIfNull(client);
        IReadOnlyList<string> children;
        try
        {
            children = (await client.GetChildrenAsync(queuePath, cancellationToken: cancellationToken)).Children;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return new LockQueueView([], 0);
        }

        var queue = LockNode.Queue(children);
        var entries = new List<LockQueueEntry>();
        foreach (var node in queue.Take(limit))
        {
            try
            {
                var data = await client.GetDataAsync($"{queuePath}/{node.Name}", cancellationToken: cancellationToken);
                entries.Add(new LockQueueEntry(node.Name, node.Sequence, LockOwner.TryParse(data.Data), data.Stat.EphemeralOwner, data.Stat.Ctime));
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
                // Released between the two reads.
            }
        }

        return new LockQueueView(entries, queue.Count);
    }

    /// <summary>Deletes a lock node if the session still owns it; retries a lost connection a few times.</summary>
    internal static async Task DeleteOwnNodeAsync(ZooKeeperClient client, string path, long session, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stat = await client.ExistsAsync(path, cancellationToken: cancellationToken);
                if (stat is null || stat.EphemeralOwner != session)
                {
                    return;
                }

                await client.DeleteAsync(path, stat.Version, cancellationToken);
                return;
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
                return;
            }
            catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.RequestTimeout && attempt < 3)
            {
                // Whether the delete happened is unknown; the next attempt's exists says.
            }
        }
    }

    private async Task EnsureQueueAsync(CancellationToken token)
    {
        var path = string.Empty;
        foreach (var part in queuePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path += "/" + part;
            var node = path;
            try
            {
                await RetryAsync(t => client.CreateAsync(node, ReadOnlyMemory<byte>.Empty, CreateMode.Persistent, t), token);
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NodeExists)
            {
            }
        }
    }

    private async Task<string> CreateOwnNodeAsync(string prefix, byte[] data, CancellationToken token)
    {
        while (true)
        {
            try
            {
                var created = await client.CreateAsync($"{queuePath}/{prefix}", data, CreateMode.EphemeralSequential, token);
                return created[(created.LastIndexOf('/') + 1)..];
            }
            catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.RequestTimeout)
            {
                // The create may have happened on the server even though its reply was lost.
                var children = (await RetryAsync(t => client.GetChildrenAsync(queuePath, cancellationToken: t), token)).Children;
                var found = LockNode.Queue(children).FirstOrDefault(n => n.AttemptPrefix == prefix);
                Log.CreateLostConnection(logger, prefix, found?.Name);
                if (found is not null)
                {
                    return found.Name;
                }
            }
        }
    }

    /// <summary>Removes every node of this attempt, best effort, bounded: what stays goes with the session.</summary>
    private async Task WithdrawAsync(string prefix, long session)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        try
        {
            var children = (await client.GetChildrenAsync(queuePath, cancellationToken: bound.Token)).Children;
            foreach (var node in LockNode.Queue(children).Where(n => n.AttemptPrefix == prefix))
            {
                await DeleteOwnNodeAsync(client, $"{queuePath}/{node.Name}", session, bound.Token);
            }
        }
        catch (Exception ex) when (ex is ZooKeeperException or OperationCanceledException or ObjectDisposedException)
        {
            Log.WithdrawFailed(logger, prefix, ex.Message);
        }
    }

    private async Task DeleteQuietlyAsync(string path, long session)
    {
        try
        {
            await DeleteOwnNodeAsync(client, path, session, CancellationToken.None);
        }
        catch (ZooKeeperException ex)
        {
            Log.WithdrawFailed(logger, path, ex.Message);
        }
    }

    /// <summary>Repeats a read (or an idempotent create) while the connection is lost; the session may still be alive.</summary>
    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken token)
    {
        while (true)
        {
            try
            {
                return await operation(token);
            }
            catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.RequestTimeout)
            {
                await Task.Delay(RetryPause, time, token);
            }
        }
    }
}
