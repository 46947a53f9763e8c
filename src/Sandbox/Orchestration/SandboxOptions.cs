namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>How `up` lays out a sandbox.</summary>
internal sealed record SandboxOptions
{
    public string Root { get; init; } = Path.GetFullPath(SandboxLayout.DefaultRoot);

    /// <summary>1 (one broker and a standalone ZooKeeper) or 3 (three hosts, a 3-node ensemble).</summary>
    public int Brokers { get; init; } = 1;

    public string User { get; init; } = "kafka";

    /// <summary>Size of each host's tmpfs log dir (mount's size= syntax).</summary>
    public string LogDirSize { get; init; } = "64m";

    /// <summary>ZooKeeper chroot in zookeeper.connect, e.g. "/kafka"; empty for none (the runbook's hosts).</summary>
    public string Chroot { get; init; } = string.Empty;

    /// <summary>zookeeper.session.timeout.ms of the brokers (Kafka's default is 18000; small here so expiry is quick).</summary>
    public int SessionTimeoutMs { get; init; } = 6000;

    /// <summary>
    /// Topics created at start (replication min(3, brokers)). payments carries min.insync.replicas=2, so in a
    /// 3-broker sandbox taking two of its replicas out of the ISR makes it unwritable with acks=all.
    /// </summary>
    public IReadOnlyList<TopicSpec> Topics { get; init; } =
    [
        new("orders", 3, new Dictionary<string, string>()),
        new("payments", 2, new Dictionary<string, string> { ["min.insync.replicas"] = "2" }),
    ];

    /// <summary>How long a follower that came back takes to catch up before the controller puts it back in the ISR.</summary>
    public double IsrCatchUpSeconds { get; init; } = 5;
}

/// <summary>A topic `up` creates, with its /config/topics overrides.</summary>
internal sealed record TopicSpec(string Name, int Partitions, IReadOnlyDictionary<string, string> Config);
