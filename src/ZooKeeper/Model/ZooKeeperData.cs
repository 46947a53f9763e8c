namespace KafkaAgent.ZooKeeper;

/// <summary>A znode's data and metadata. A node created with no data has an empty array.</summary>
#pragma warning disable CA1819 // The data is the payload the caller asked for; copying it would only cost.
public sealed record ZooKeeperData(byte[] Data, ZooKeeperStat Stat);
#pragma warning restore CA1819

/// <summary>A znode's children (names only, in the server's order) and its metadata.</summary>
public sealed record ZooKeeperChildren(IReadOnlyList<string> Children, ZooKeeperStat Stat);
