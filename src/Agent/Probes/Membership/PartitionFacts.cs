namespace KafkaAgent.Probes.Membership;

/// <summary>One partition as the controller last wrote it: /brokers/topics/&lt;t&gt; (replicas) and .../partitions/&lt;p&gt;/state.</summary>
/// <param name="Leader">-1 when the partition has no leader (offline).</param>
/// <param name="MinIsr">min.insync.replicas that applies: the topic's override, else server.properties, else 1.</param>
internal sealed record PartitionState(string Topic, int Partition, IReadOnlyList<int> Replicas, int Leader, IReadOnlyList<int> Isr, int MinIsr)
{
    public string Name => $"{Topic}-{Partition}";
}

/// <summary>
/// Partition health read through ZooKeeper, bounded: at most <see cref="MaxPartitionsPerCycle"/> partition states per
/// pass; on bigger clusters each pass continues where the last stopped, so every partition is covered in turn.
/// </summary>
/// <param name="Topics">Topics in /brokers/topics.</param>
/// <param name="Read">Partition states read in this pass (the others were not looked at).</param>
/// <param name="Partitions">The partitions read that are not healthy (offline, under-replicated or under min ISR).</param>
/// <param name="Controller">Broker id in /controller; null when there is none.</param>
/// <param name="ControllerMissingFor">How long /controller has been seen missing; zero when present.</param>
internal sealed record PartitionFacts(
    int Topics,
    int Read,
    bool Capped,
    IReadOnlyList<PartitionState> Partitions,
    int? Controller,
    TimeSpan ControllerMissingFor,
    string? Detail)
{
    public const int MaxPartitionsPerCycle = 5000;

    public IEnumerable<PartitionState> Offline => Partitions.Where(p => p.Leader < 0);

    /// <summary>With a leader and an ISR smaller than the replica set (Kafka's UnderReplicatedPartitions).</summary>
    public IEnumerable<PartitionState> UnderReplicated => Partitions.Where(p => p.Leader >= 0 && p.Isr.Count < p.Replicas.Count);

    /// <summary>
    /// With a leader and an ISR below min.insync.replicas (Kafka's UnderMinIsrPartitionCount). Replica sets smaller
    /// than min ISR can never meet it; Kafka and the availability rule leave those out.
    /// </summary>
    public IEnumerable<PartitionState> UnderMinIsr => Partitions.Where(p => p.Leader >= 0 && p.Isr.Count < p.MinIsr && p.Replicas.Count >= p.MinIsr);
}
