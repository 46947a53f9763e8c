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
