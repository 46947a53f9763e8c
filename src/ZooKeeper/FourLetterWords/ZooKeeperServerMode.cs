namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>The role a server reports in srvr's "Mode:" line and mntr's zk_server_state.</summary>
public enum ZooKeeperServerMode
{
    /// <summary>A mode this client does not know.</summary>
    Unknown,

    /// <summary>Running without an ensemble.</summary>
    Standalone,

    /// <summary>The ensemble's leader.</summary>
    Leader,

    /// <summary>A voting follower.</summary>
    Follower,

    /// <summary>A non-voting observer.</summary>
    Observer,

    /// <summary>Cut off from the quorum and serving reads only (readonlymode.enabled).</summary>
    ReadOnly,
}

internal static class ZooKeeperServerModes
{
    public static ZooKeeperServerMode Parse(string text) => text.Trim() switch
    {
        "standalone" => ZooKeeperServerMode.Standalone,
        "leader" => ZooKeeperServerMode.Leader,
        "follower" => ZooKeeperServerMode.Follower,
        "observer" => ZooKeeperServerMode.Observer,
        "read-only" => ZooKeeperServerMode.ReadOnly,
        _ => ZooKeeperServerMode.Unknown,
    };
}
