namespace KafkaAgent.Probes.ZooKeeper;

internal enum ZooKeeperReachability
{
    /// <summary>Answered (srvr, or a session when srvr is not whitelisted).</summary>
    Answered,

    /// <summary>TCP connection refused: nothing listens.</summary>
    Refused,

    /// <summary>Accepted the connection but did not answer in time (SIGSTOPped, GC-bound, disk-bound).</summary>
    NoAnswer,

    /// <summary>Other network error (unreachable host, reset).</summary>
    Error,
}

/// <summary>The local ZooKeeper as seen through srvr (or a session when srvr is not whitelisted).</summary>
/// <param name="Mode">standalone, leader, follower, observer, read-only; null when unknown.</param>
/// <param name="Serving">False when it answered "not currently serving requests" (no quorum).</param>
/// <param name="FourLetterWordsWhitelisted">False when srvr was refused by the whitelist and a session was used (mode and version unknown).</param>
/// <param name="ExpectedEnsembleSize">server.N lines in its config; 0 when the config is unknown.</param>
/// <param name="Stats">Its own health numbers from mntr or srvr; null when it did not answer either.</param>
internal sealed record ZooKeeperFacts(
    string Endpoint,
    ZooKeeperReachability Reachability,
    bool Serving,
    string? Mode,
    bool FourLetterWordsWhitelisted,
    int ExpectedEnsembleSize,
    string? Version,
    string? Detail,
    ZooKeeperStats? Stats = null);

/// <summary>What ZooKeeper says about its own load (mntr; srvr has all but the follower counts).</summary>
/// <param name="AverageLatencyMs">Server-side request latency, average since its counters were last reset.</param>
/// <param name="SyncedFollowers">Followers in sync with this leader; null unless this server leads.</param>
internal sealed record ZooKeeperStats(double AverageLatencyMs, long MaxLatencyMs, long OutstandingRequests, long? SyncedFollowers, long? Followers);
