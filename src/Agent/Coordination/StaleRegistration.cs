using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>What /brokers/ids/&lt;id&gt; is, now that the broker process that should own it is dead.</summary>
internal enum RegistrationKind
{
    /// <summary>No node: the broker can start.</summary>
    Absent,

    /// <summary>Created while the dead process ran: its registration, kept alive only by its session until that expires.</summary>
    OwnedByDeadProcess,

    /// <summary>Created before the dead process started: an older session's, stale just the same.</summary>
    Older,

    /// <summary>Created after the process died: someone else registered this id (another host with the same broker.id, or a start outside the agent).</summary>
    Foreign,
}

/// <summary>How a wait for a stale registration ended.</summary>
internal enum StaleWaitOutcome
{
    /// <summary>The stale node is gone (its session expired): the broker can start now.</summary>
    Deleted,

    /// <summary>The node now belongs to another session than the stale one: do not start a second broker with this id.</summary>
    Replaced,

    /// <summary>Still there when the bound ran out.</summary>
    TimedOut,
}

/// <summary>Whether the agent may delete the registration a dead broker left, and why (not).</summary>
internal sealed record StaleProof(bool Proven, string Detail);

/// <summary>What the delete strategy removed.</summary>
/// <param name="Registration">The /brokers/ids/&lt;id&gt; node was deleted (false: already gone).</param>
/// <param name="Controller">/controller, owned by the same dead session, was deleted too.</param>
/// <param name="Refused">Set when the live node failed the proof: nothing was deleted and the broker must not start.</param>
internal sealed record StaleClearance(bool Registration, bool Controller, string? Refused);

/// <summary>
/// After kill -9 the broker's /brokers/ids/&lt;id&gt; outlives it until its ZooKeeper session expires
/// (zookeeper.session.timeout.ms), and a Kafka 2.x broker started meanwhile fails with NODEEXISTS. The agent waits
/// for the node's deletion with an exists watch (one notification, no polling) before starting, bounded by the
/// broker's session timeout plus a margin. See README, "Stale registration after a crash", for why it waits
/// rather than deleting the node.
/// </summary>
internal static class StaleRegistration
{
    public static string Path(int brokerId) => "/brokers/ids/" + brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Classifies the node against the dead process's lifetime. ctime is the ZooKeeper leader's clock and the process
    /// times are this host's, so <paramref name="skew"/> widens the process's lifetime on both sides.
    /// </summary>
    public static RegistrationKind Classify(ZooKeeperStat? stat, DateTimeOffset processStarted, DateTimeOffset processExited, TimeSpan skew)
    {
        if (stat is null)
        {
            return RegistrationKind.Absent;
        }

        var created = DateTimeOffset.FromUnixTimeMilliseconds(stat.Ctime);
        if (created > processExited + skew)
        {
            return RegistrationKind.Foreign;
        }

        return created >= processStarted - skew ? RegistrationKind.OwnedByDeadProcess : RegistrationKind.Older;
    }

    /// <summary>Clock-skew allowance between this host's process times and the ZooKeeper leader's ctime.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The delete strategy's proof. The node may be deleted only when all hold: the agent watched a Kafka process exit
    /// (<paramref name="dead"/>); it saw this broker's registration while that process ran, owned by a session;
    /// the node is still owned by that very session (a broker started since, here or on another host, has another);
    /// and the node was created while that process lived (ctime after its start and before its exit, widened by
    /// <paramref name="skew"/>). A session of a process that is gone can only be waiting to expire.
    /// </summary>
    /// <param name="owner">The node's ephemeralOwner now; null when there is no node.</param>
    /// <param name="created">The node's ctime now.</param>
    public static StaleProof Prove(DeadBroker? dead, long? owner, DateTimeOffset? created, TimeSpan skew)
    {
        if (dead is null)
        {
            return new StaleProof(false, "the agent did not see a Kafka process of its own exit");
        }
        if (dead.Session is not { } session || dead.RegisteredAt is null)
        {
            return new StaleProof(false, $"the registration of pid {dead.Pid} was never seen while it ran");
        }
        if (owner is not { } now || created is not { } ctime)
        {
            return new StaleProof(false, "no registration to delete");
        }
        if (now != session)
        {
            return new StaleProof(false, $"owned by session 0x{now:x}, not the dead pid {dead.Pid}'s 0x{session:x}");
        }
        if (ctime < dead.Started - skew)
        {
            return new StaleProof(false, $"created {ctime:O}, before pid {dead.Pid} started ({dead.Started:O})");
        }
        if (ctime > dead.Exited + skew)
        {
            return new StaleProof(false, $"created {ctime:O}, after pid {dead.Pid} exited ({dead.Exited:O})");
        }
        return new StaleProof(true, $"owned by session 0x{session:x} of pid {dead.Pid}, which exited at {dead.Exited:O}");
    }

    /// <summary>
    /// Deletes this broker's registration and /controller when the live nodes still pass <see cref="Prove"/>, each
    /// with the version just read: a node re-created meanwhile (a new owner) has another version and survives.
    /// </summary>
    public static async Task<StaleClearance> ClearAsync(ZooKeeperClient client, int brokerId, DeadBroker dead, TimeSpan skew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(dead);
        var path = Path(brokerId);
        var stat = await client.ExistsAsync(path, cancellationToken: cancellationToken);
        var deleted = false;
        if (stat is not null)
        {
            var proof = Prove(dead, stat.EphemeralOwner, DateTimeOffset.FromUnixTimeMilliseconds(stat.Ctime), skew);
            if (!proof.Proven)
            {
                return new StaleClearance(false, false, $"{path}: {proof.Detail}");
            }
            try
            {
                await client.DeleteAsync(path, stat.Version, cancellationToken);
                deleted = true;
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
            {
                // Expired in between: the same outcome.
            }
            catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.BadVersion)
            {
                return new StaleClearance(false, false, $"{path} changed while it was being deleted");
            }
        }

        var controller = false;
        var controllerStat = await client.ExistsAsync("/controller", cancellationToken: cancellationToken);
        if (controllerStat is not null && controllerStat.EphemeralOwner == dead.Session)
        {
            try
            {
                await client.DeleteAsync("/controller", controllerStat.Version, cancellationToken);
                controller = true;
            }
            catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.NoNode or ZooKeeperErrorCode.BadVersion)
            {
                // Gone, or already a new controller's: an election is under way without us.
            }
        }
        return new StaleClearance(deleted, controller, null);
    }

    /// <summary>
    /// Waits until /brokers/ids/&lt;id&gt; no longer belongs to <paramref name="staleSession"/>: an exists watch fires on
    /// its deletion (re-armed after any other change); the client re-arms it by itself after a reconnect.
    /// </summary>
    public static async Task<StaleWaitOutcome> WaitForDeletionAsync(ZooKeeperClient client, int brokerId, long staleSession, TimeSpan bound, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = new CancellationTokenSource(bound, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var path = Path(brokerId);
        try
        {
            while (true)
            {
                var changed = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
                ZooKeeperStat? stat;
                try
                {
                    stat = await client.ExistsAsync(path, e => changed.TrySetResult(e), linked.Token);
                }
                catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.ConnectionLoss or ZooKeeperErrorCode.RequestTimeout)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), time, linked.Token);
                    continue;
                }

                if (stat is null)
                {
                    return StaleWaitOutcome.Deleted;
                }

                if (stat.EphemeralOwner != staleSession)
                {
                    return StaleWaitOutcome.Replaced;
                }

                var fired = await changed.Task.WaitAsync(linked.Token);
                if (fired.Type == WatchEventType.None)
                {
                    throw new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, path, "The agent's ZooKeeper session ended while waiting for a stale registration");
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return StaleWaitOutcome.TimedOut;
        }
    }
}
