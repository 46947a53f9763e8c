using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Cluster;

/// <summary>Small helpers over the ZooKeeper client for Kafka's znodes.</summary>
internal static class ZooKeeperPaths
{
    /// <summary>Splits "h1:p1,h2:p2/chroot" into the servers and the chroot ("" when none).</summary>
    public static (string Servers, string Chroot) SplitChroot(string connect)
    {
        var slash = connect.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (connect, string.Empty) : (connect[..slash], connect[slash..].TrimEnd('/'));
    }

    /// <summary>Creates the path and its missing parents as persistent znodes (makeSurePersistentPathExists).</summary>
    public static async Task EnsurePersistentAsync(ZooKeeperClient zk, string path, CancellationToken ct)
    {
        var current = string.Empty;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + part;
            try
            {
                await zk.CreateAsync(current, ReadOnlyMemory<byte>.Empty, CreateMode.Persistent, ct);
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
            {
            }
        }
    }

    /// <summary>The node's data, or null when it does not exist.</summary>
    public static async Task<ZooKeeperData?> TryGetAsync(ZooKeeperClient zk, string path, CancellationToken ct)
    {
        try
        {
            return await zk.GetDataAsync(path, null, ct);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }
    }

    /// <summary>The children, or an empty list when the node does not exist.</summary>
    public static async Task<IReadOnlyList<string>> ChildrenAsync(ZooKeeperClient zk, string path, CancellationToken ct)
    {
        try
        {
            return (await zk.GetChildrenAsync(path, null, ct)).Children;
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            return [];
        }
    }
}
