using System.Globalization;
using System.Text;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Config;
using KafkaAgent.Sandbox.Protocol;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Broker;

/// <summary>The broker's side of ZooKeeper: session set-up, registration, cluster id and controller election.</summary>
internal sealed class BrokerZooKeeper(BrokerConfig config, ILoggerFactory loggers, TimeProvider time)
{
    private readonly ILogger _logger = loggers.CreateLogger("kafka.zk.KafkaZkClient");
    private readonly ILogger _controllerLogger = loggers.CreateLogger("kafka.controller.KafkaController");

    /// <summary>A new session (Kafka's KafkaZkClient init), creating the chroot first when it is missing.</summary>
    public async Task<ZooKeeperClient> ConnectAsync(CancellationToken ct)
    {
        var (servers, chroot) = ZooKeeperPaths.SplitChroot(config.ZooKeeperConnect);
        if (chroot.Length > 0)
        {
            await using var root = await ZooKeeperClient.ConnectAsync(Options(servers), ct);
            await ZooKeeperPaths.EnsurePersistentAsync(root, chroot, ct);
        }
        return await ZooKeeperClient.ConnectAsync(Options(config.ZooKeeperConnect), ct);
    }

    private ZooKeeperClientOptions Options(string connect) => new()
    {
        ConnectionString = connect,
        SessionTimeout = config.ZooKeeperSessionTimeout,
        ConnectTimeout = config.ZooKeeperConnectionTimeout,
        TimeProvider = time,
    };

    public static async Task EnsureKafkaPathsAsync(ZooKeeperClient zk, CancellationToken ct)
    {
        foreach (var path in KafkaZNodes.PersistentPaths)
        {
            await ZooKeeperPaths.EnsurePersistentAsync(zk, path, ct);
        }
    }

    /// <summary>getOrGenerateClusterId: reads /cluster/id or creates it with a new random id.</summary>
    public static async Task<string> GetOrCreateClusterIdAsync(ZooKeeperClient zk, CancellationToken ct)
    {
        var node = await ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.ClusterId, ct);
        if (node is not null)
        {
            return KafkaZNodes.DecodeClusterId(node.Data);
        }
        var id = KafkaUuid.NewRandom().ToString();
        try
        {
            await zk.CreateAsync(KafkaZNodes.ClusterId, KafkaZNodes.EncodeClusterId(id), CreateMode.Persistent, ct);
            return id;
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
        {
            return KafkaZNodes.DecodeClusterId((await zk.GetDataAsync(KafkaZNodes.ClusterId, null, ct)).Data);
        }
    }

    /// <summary>
    /// checkedEphemeralCreate of /brokers/ids/&lt;id&gt;: a node left by this same session is fine (a retry),
    /// a node of another live session raises NodeExists.
    /// </summary>
    public async Task RegisterAsync(ZooKeeperClient zk, CancellationToken ct)
    {
        var path = KafkaZNodes.BrokerPath(config.BrokerId);
        var jmx = int.TryParse(Environment.GetEnvironmentVariable("JMX_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var j) ? j : -1;
        var registration = new BrokerRegistration(config.BrokerId, config.AdvertisedListeners, jmx, config.Rack, time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            await zk.CreateAsync(path, registration.ToJson(), CreateMode.Ephemeral, ct);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
        {
            var stat = await zk.ExistsAsync(path, null, ct);
            if (stat is null || stat.EphemeralOwner != zk.SessionId)
            {
                // Kafka 2.8 prints both session ids in decimal here.
                Log.EphemeralOwnedByOther(_logger, path, stat?.EphemeralOwner ?? 0, zk.SessionId);
                throw;
            }
        }
        var created = await zk.ExistsAsync(path, null, ct);
        Log.Registered(_logger, config.BrokerId, path, string.Join(",", config.AdvertisedListeners.Select(e => $"EndPoint({e.Host},{e.Port},ListenerName({e.ListenerName}),{e.SecurityProtocol})")), created?.Czxid ?? 0);
    }

    /// <summary>Tries to become the controller; returns the new controller epoch, or null when another broker holds it.</summary>
    public async Task<int?> TryElectAsync(ZooKeeperClient zk, CancellationToken ct)
    {
        try
        {
            await zk.CreateAsync(KafkaZNodes.Controller, KafkaZNodes.EncodeController(config.BrokerId, time.GetUtcNow().ToUnixTimeMilliseconds()), CreateMode.Ephemeral, ct);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
        {
            return null;
        }
        var epochNode = await ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.ControllerEpoch, ct);
        var epoch = epochNode is null ? 1 : int.Parse(Encoding.ASCII.GetString(epochNode.Data), CultureInfo.InvariantCulture) + 1;
        var bytes = Encoding.ASCII.GetBytes(epoch.ToString(CultureInfo.InvariantCulture));
        if (epochNode is null)
        {
            await zk.CreateAsync(KafkaZNodes.ControllerEpoch, bytes, CreateMode.Persistent, ct);
        }
        else
        {
            await zk.SetDataAsync(KafkaZNodes.ControllerEpoch, bytes, epochNode.Stat.Version, ct);
        }
        Log.ElectedController(_controllerLogger, config.BrokerId, epoch);
        return epoch;
    }

    public ILogger ControllerLogger => _controllerLogger;
}
