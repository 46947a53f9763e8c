namespace KafkaAgent.Bench.Zk;

/// <summary>What both clients run: the same node, counts and warm-up.</summary>
internal sealed record ZkBenchSettings
{
    public string Path { get; init; } = "/bench/getdata-1k";
    public int ThroughputReads { get; init; } = 50_000;
    public int LatencyReads { get; init; } = 2_000;
    public int WarmupReads { get; init; } = 10_000;

    /// <summary>Rounds of (kazoo, ours); each figure is the best round, which damps noise from a shared machine.</summary>
    public int Rounds { get; init; } = 3;
}
