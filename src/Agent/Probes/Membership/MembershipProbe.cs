using System.Globalization;
using System.Text.Json;
using KafkaAgent.Configuration;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Probes.Membership;

/// <summary>
/// The runbook's `ls /brokers/ids` and `get /brokers/ids/&lt;id&gt;` through the whole ensemble (with the chroot), so
/// it still answers when only the local ZooKeeper is down. The session is kept between probes: creating and
/// closing one is a write on the whole ensemble (two transactions, each synced to disk on a quorum), which every
/// broker's agent would otherwise add every cycle; a held session costs a ping every few seconds. The client
/// reconnects by itself; a new session is made only after expiry. The same session reads partition health
/// (<see cref="PartitionReader"/>). Not thread-safe: one cycle at a time.
/// </summary>
internal sealed class MembershipProbe : IProbe<MembershipFacts>, IAsyncDisposable
{
    private readonly AgentSettings _settings;
    private readonly TimeProvider _time;
    private readonly PartitionReader _partitions;
    private readonly KnownBrokers _known;
    private ZooKeeperClient? _session;
    private int? _serverMinIsr;

    /// <param name="known">Where the ids seen registered are remembered; default known-brokers.json in the state directory.</param>
    public MembershipProbe(AgentSettings settings, TimeProvider? time = null, int maxPartitions = PartitionFacts.MaxPartitionsPerCycle, KnownBrokers? known = null)
    {
        this._known = known ?? new KnownBrokers(Path.Combine(settings.StateDirectory, KnownBrokers.FileName));
        this._settings = settings;
        this._time = time ?? TimeProvider.System;
        _partitions = new PartitionReader(this._time, ServerMinIsr, maxPartitions);
    }

    /// <summary>The held session, for tests.</summary>
    internal ZooKeeperClient? Session => _session;

    public async ValueTask DisposeAsync()
    {
        if (_session is { } client)
        {
            _session = null;
            await client.DisposeAsync();
        }
    }

    private async Task<ZooKeeperClient> SessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { State: not (ZooKeeperState.Expired or ZooKeeperState.Closed) } live)
        {
            return live;
        }

        await DisposeAsync();
        var timeout = _settings.ZooKeeper.Timeout;
        _session = await ZooKeeperClient.ConnectAsync(
            new ZooKeeperClientOptions
            {
                ConnectionString = _settings.ZooKeeper.Connect.ConnectionString,
                ConnectTimeout = timeout,
                RequestTimeout = timeout,
                // With every server refusing (the only one was just killed), "unreachable" is the answer at once: the
                // cycle that starts ZooKeeper again must not first wait out the timeout.
                FailQueuedWhenUnreachable = true,
            },
            cancellationToken);
        return _session;
    }

    public async Task<MembershipFacts> ProbeAsync(CancellationToken cancellationToken)
    {
        var connect = _settings.ZooKeeper.Connect.ConnectionString;
        var id = _settings.Kafka.BrokerId;
        ZooKeeperStat? ownStat = null;
        PartitionFacts? health = null;
        IReadOnlyList<int> expectedIds = _settings.ExpectedBrokerIds ?? [];
        var configured = expectedIds.Count > 0;
        MembershipFacts Facts(bool reachable, IReadOnlyList<int> ids, BrokerRegistration? own, string? detail) =>
            new(connect, reachable, id, ids, own, _settings.Kafka.RegisteredListeners, _settings.ExpectedBrokers, detail,
                health, ownStat?.EphemeralOwner, ownStat is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ownStat.Ctime), _time.GetUtcNow(),
                expectedIds, configured);

        try
        {
            var client = await SessionAsync(cancellationToken);
            var ids = await ReadIdsAsync(client, cancellationToken);
            var seen = _known.Remember(connect, ids);
            if (!configured)
            {
                expectedIds = seen;
            }
            BrokerRegistration? own = null;
            if (ids.Contains(id))
            {
                try
                {
                    var data = await client.GetDataAsync($"/brokers/ids/{id}", cancellationToken: cancellationToken);
                    ownStat = data.Stat;
                    own = BrokerRegistrationJson.Parse(id, data.Data);
                }
                catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
                {
                    ids.Remove(id); // Deregistered between the two reads.
                }
                catch (JsonException ex)
                {
                    own = new BrokerRegistration(id, [], null, null);
                    return Facts(true, ids, own, $"/brokers/ids/{id} is not Kafka's JSON: {ex.Message}");
                }
            }

            try
            {
                health = await _partitions.ReadAsync(client, ids.Count > 0, cancellationToken);
            }
            catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Membership was read; partition health alone is unknown this pass.
                health = new PartitionFacts(0, 0, false, [], null, TimeSpan.Zero, ex.Message);
            }

            return Facts(true, ids, own, null);
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Facts(false, [], null, ex.Message);
        }
    }

    /// <summary>min.insync.replicas from server.properties (Kafka's default 1), read once.</summary>
    private int ServerMinIsr()
    {
        if (_serverMinIsr is { } known)
        {
            return known;
        }

        try
        {
            var properties = Configuration.Discovery.JavaProperties.Load(_settings.Kafka.ServerProperties, "kafka.server_properties");
            _serverMinIsr = properties.TryGetValue("min.insync.replicas", out var text)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        }
        catch (ConfigurationException)
        {
            _serverMinIsr = 1;
        }

        return _serverMinIsr.Value;
    }

    private static async Task<List<int>> ReadIdsAsync(ZooKeeperClient client, CancellationToken cancellationToken)
    {
        try
        {
            var children = await client.GetChildrenAsync("/brokers/ids", cancellationToken: cancellationToken);
            return children.Children
                .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .Where(n => n >= 0)
                .Order()
                .ToList();
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return []; // No broker ever registered under this chroot.
        }
    }
}
