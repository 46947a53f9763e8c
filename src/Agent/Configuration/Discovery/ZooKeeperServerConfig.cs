using System.Globalization;

namespace KafkaAgent.Configuration.Discovery;

/// <summary>One server.N line of a ZooKeeper config.</summary>
internal sealed record ZooKeeperPeer(int Id, string Host);

/// <summary>What the agent needs from the local ZooKeeper's config (zookeeper.properties / zoo.cfg).</summary>
internal sealed record ZooKeeperServerConfig(
    string Path,
    int ClientPort,
    string? ClientPortAddress,
    TimeSpan TickTime,
    int InitLimit,
    string? DataDir,
    IReadOnlyList<ZooKeeperPeer> Ensemble)
{
    private const string Key = "zookeeper.properties";

    /// <summary>More than one server line: a quorum is expected, so Mode: standalone is a fault.</summary>
    public bool ExpectsEnsemble => Ensemble.Count > 1;

    /// <summary>How long a member may take to join the quorum (tickTime x initLimit): a grace for "not serving".</summary>
    public TimeSpan JoinGrace => TickTime * InitLimit;

    public static ZooKeeperServerConfig Read(string path)
    {
        var properties = JavaProperties.Load(path, Key);
        string? Get(string name) => properties.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        int Int(string name, int fallback)
        {
            var text = Get(name);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ConfigurationException($"{Key}: {path}: {name}: '{text}' is not a positive integer");
        }

        var peers = ReadPeers(properties, path);
        // ZooKeeper 3.5+ may keep the ensemble in a separate dynamic config file.
        if (Get("dynamicConfigFile") is { } dynamicFile)
        {
            var full = System.IO.Path.IsPathRooted(dynamicFile) ? dynamicFile : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, dynamicFile);
            if (File.Exists(full))
            {
                peers.AddRange(ReadPeers(JavaProperties.Load(full, Key), full));
            }
        }

        return new ZooKeeperServerConfig(path, Int("clientPort", 2181), Get("clientPortAddress"),
            TimeSpan.FromMilliseconds(Int("tickTime", 3000)), Int("initLimit", 10), Get("dataDir"),
            peers.OrderBy(p => p.Id).ToList());
    }

    private static List<ZooKeeperPeer> ReadPeers(IReadOnlyDictionary<string, string> properties, string path)
    {
        var peers = new List<ZooKeeperPeer>();
        foreach (var (name, value) in properties)
        {
            if (!name.StartsWith("server.", StringComparison.Ordinal))
            {
                continue;
            }

            if (!int.TryParse(name.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new ConfigurationException($"{Key}: {path}: {name}: the server id is not a number");
            }

            // host:peerPort:electionPort[:role][;clientAddress:clientPort]
            var host = value.Split(';')[0].Split(':')[0].Trim();
            peers.Add(new ZooKeeperPeer(id, host));
        }

        return peers;
    }
}
