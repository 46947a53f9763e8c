using KafkaAgent.Configuration;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>
/// The agent's one long-lived ZooKeeper session (through the ensemble, with the chroot) for the cluster lock and
/// the host report: its ephemeral nodes live exactly as long as this session, so it is kept between cycles and
/// replaced only after it expired or closed. The client reconnects by itself within the session timeout.
/// </summary>
internal sealed class CoordinationSession(ZooKeeperSettings settings) : ICoordinationSession, IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ZooKeeperClient? _client;

    /// <summary>The live session, connecting a new one when there is none. Throws when no server of the ensemble gives one.</summary>
    public async Task<ZooKeeperClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { State: not (ZooKeeperState.Expired or ZooKeeperState.Closed) } live)
        {
            return live;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_client is { State: not (ZooKeeperState.Expired or ZooKeeperState.Closed) } raced)
            {
                return raced;
            }

            if (_client is { } dead)
            {
                _client = null;
                await dead.DisposeAsync();
            }

            // With zookeeper.auth_file set, the session authenticates and the lock and report nodes it creates carry
            // the agents' ACL (see AgentZNodeAcl).
            var next = await ZooKeeperClient.ConnectAsync(
                AgentZNodeAcl.Apply(
                    new ZooKeeperClientOptions
                    {
                        ConnectionString = settings.Connect.ConnectionString,
                        ConnectTimeout = settings.Timeout,
                        RequestTimeout = settings.Timeout,
                        // The host report waits for no server that refuses: the next cycle (start_zookeeper's retry
                        // after its settle) is not held up by a report nobody can receive.
                        FailQueuedWhenUnreachable = true,
                    },
                    settings.Auth),
                cancellationToken);
            Volatile.Write(ref _client, next);
            return next;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is { } last)
        {
            await last.DisposeAsync();
        }

        _connecting.Dispose();
    }
}

/// <summary>The session seam: the guard and the host report ask for the session; tests give none.</summary>
internal interface ICoordinationSession
{
    Task<ZooKeeperClient> GetAsync(CancellationToken cancellationToken);
}
