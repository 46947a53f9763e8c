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

    /// <summary>Topics created at start: name, partitions (replication is min(3, brokers)).</summary>
    public IReadOnlyList<(string Name, int Partitions)> Topics { get; init; } = [("orders", 3), ("payments", 2)];
}
