namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>The parsed answer to <c>mntr</c>: every "zk_key\tvalue" line, plus typed accessors for the ones probes use.</summary>
public sealed record MntrReply(IReadOnlyDictionary<string, string> Values)
{
    /// <summary>zk_server_state.</summary>
    public ZooKeeperServerMode ServerState => ZooKeeperServerModes.Parse(Values.GetValueOrDefault("zk_server_state", string.Empty));

    /// <summary>zk_version.</summary>
    public string? Version => Values.GetValueOrDefault("zk_version");

    /// <summary>zk_avg_latency (ms).</summary>
    public double? AverageLatency => ReplyLines.Double(Values, "zk_avg_latency");

    /// <summary>zk_max_latency (ms).</summary>
    public long? MaxLatency => GetInt64("zk_max_latency");

    /// <summary>zk_outstanding_requests.</summary>
    public long? OutstandingRequests => GetInt64("zk_outstanding_requests");

    /// <summary>zk_num_alive_connections.</summary>
    public long? AliveConnections => GetInt64("zk_num_alive_connections");

    /// <summary>zk_znode_count.</summary>
    public long? ZnodeCount => GetInt64("zk_znode_count");

    /// <summary>zk_watch_count.</summary>
    public long? WatchCount => GetInt64("zk_watch_count");

    /// <summary>zk_ephemerals_count.</summary>
    public long? EphemeralsCount => GetInt64("zk_ephemerals_count");

    /// <summary>zk_approximate_data_size (bytes).</summary>
    public long? ApproximateDataSize => GetInt64("zk_approximate_data_size");

    /// <summary>zk_open_file_descriptor_count (Unix only).</summary>
    public long? OpenFileDescriptorCount => GetInt64("zk_open_file_descriptor_count");

    /// <summary>zk_max_file_descriptor_count (Unix only).</summary>
    public long? MaxFileDescriptorCount => GetInt64("zk_max_file_descriptor_count");

    /// <summary>zk_followers (leader only).</summary>
    public long? Followers => GetInt64("zk_followers");

    /// <summary>zk_synced_followers (leader only).</summary>
    public long? SyncedFollowers => GetInt64("zk_synced_followers");

    /// <summary>zk_pending_syncs (leader only).</summary>
    public long? PendingSyncs => GetInt64("zk_pending_syncs");

    /// <summary>Parses mntr's tab-separated lines.</summary>
    /// <exception cref="FormatException">The text has no zk_server_state line (e.g. "not currently serving requests").</exception>
    public static MntrReply Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = ReplyLines.Split(text, "\t");
        ReplyLines.Require(values, "zk_server_state", "mntr");
        return new MntrReply(values);
    }

    /// <summary>Any integer-valued key, or null when absent or not an integer.</summary>
    public long? GetInt64(string key) => ReplyLines.Int64(Values, key);
}
