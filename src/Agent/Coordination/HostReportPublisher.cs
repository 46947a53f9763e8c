using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

/// <summary>
/// Publishes this agent's <see cref="HostReport"/> as an ephemeral znode, rewritten only when its content changed
/// (or the session changed: a new session must re-create the ephemeral node), so a steady cluster writes nothing.
/// Call it once per cycle with the cycle's report. Not thread-safe: one cycle at a time.
/// </summary>
internal sealed class HostReportPublisher(int brokerId, TimeProvider time, ILogger logger)
{
    private HostReport? _published;
    private long _publishedSession;
    private bool _known;

    /// <summary>The last report written (with its ChangedAtMs), null before the first.</summary>
    public HostReport? Published => _published;

    /// <summary>Writes the report when it differs from the last one written by this session. Returns true when it wrote.</summary>
    public async Task<bool> PublishAsync(ZooKeeperClient client, HostReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(report);
        var bounded = report.Bounded() with { BrokerId = brokerId };
        var changed = _published is null || !_published.SameContent(bounded);
        if (!changed && _publishedSession == client.SessionId)
        {
            return false;
        }

        var next = bounded with { ChangedAtMs = changed ? time.GetUtcNow().ToUnixTimeMilliseconds() : _published!.ChangedAtMs };
        await WriteAsync(client, next.ToBytes(), cancellationToken);
        if (!_known)
        {
            await CreateIfMissingAsync(client, CoordinationPaths.Known, cancellationToken);
            await CreateIfMissingAsync(client, CoordinationPaths.KnownBroker(brokerId), cancellationToken);
            _known = true;
        }

        _published = next;
        _publishedSession = client.SessionId;
        return true;
    }

    private async Task WriteAsync(ZooKeeperClient client, byte[] data, CancellationToken cancellationToken)
    {
        var path = CoordinationPaths.Host(brokerId);
        for (var attempt = 1; ; attempt++)
        {
            var stat = await client.ExistsAsync(path, cancellationToken: cancellationToken);
            try
            {
                if (stat is null)
                {
                    await EnsureParentsAsync(client, cancellationToken);
                    await client.CreateAsync(path, data, CreateMode.Ephemeral, cancellationToken);
                }
                else if (stat.EphemeralOwner == client.SessionId)
                {
                    await client.SetDataAsync(path, data, stat.Version, cancellationToken);
                }
                else
                {
                    // Left by this agent's previous session (a restart within the session timeout), or by another
                    // host configured with the same broker.id: either way this host's report goes here.
                    Log.HostReportReplaced(logger, path, stat.EphemeralOwner);
                    await client.DeleteAsync(path, stat.Version, cancellationToken);
                    continue;
                }

                return;
            }
            catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.NodeExists or ZooKeeperErrorCode.NoNode or ZooKeeperErrorCode.BadVersion && attempt < 3)
            {
                // Raced with an expiry or another writer: look again.
            }
        }
    }

    private static async Task EnsureParentsAsync(ZooKeeperClient client, CancellationToken cancellationToken)
    {
        await CreateIfMissingAsync(client, CoordinationPaths.Root, cancellationToken);
        await CreateIfMissingAsync(client, CoordinationPaths.Hosts, cancellationToken);
    }

    private static async Task CreateIfMissingAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateAsync(path, ReadOnlyMemory<byte>.Empty, CreateMode.Persistent, cancellationToken);
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NodeExists)
        {
        }
    }
}
