namespace KafkaAgent.TestBed;

/// <summary>How the test bed configures the ZooKeeper servers it starts.</summary>
public sealed record ZooKeeperServerOptions
{
    /// <summary>
    /// True whitelists every four-letter word (<c>4lw.commands.whitelist=*</c>); false omits the key,
    /// which on ZooKeeper 3.5+ leaves only <c>srvr</c> allowed, as on a default install.
    /// </summary>
    public bool WhitelistFourLetterWords { get; init; } = true;

    /// <summary>
    /// When set, written verbatim as <c>4lw.commands.whitelist</c> and <see cref="WhitelistFourLetterWords"/> is
    /// ignored: e.g. <c>ruok</c> for a narrowed whitelist (ZooKeeper 3.5+ adds srvr to any list).
    /// </summary>
    public string? FourLetterWordWhitelist { get; init; }

    /// <summary>ZooKeeper's tickTime; small so sessions expire quickly in tests.</summary>
    public int TickTimeMs { get; init; } = 500;

    /// <summary>
    /// Directory the servers live in; null means a fresh temporary directory that is deleted on dispose.
    /// A given directory is left in place.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>How long <see cref="ZooKeeperEnsemble.StartAsync"/> waits for every member to serve.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Maximum Java heap of each server, in megabytes.</summary>
    public int MaxHeapMegabytes { get; init; } = 256;
}
