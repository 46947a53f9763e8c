using System.Text.Json.Serialization;

namespace KafkaAgent.Sandbox.Watch;

/// <summary>
/// One line of the watcher's record: what ZooKeeper said at one instant. Error is set (and the rest empty) when
/// the ensemble could not be read then, e.g. while the quorum is lost.
/// </summary>
internal sealed record WatchSample(
    [property: JsonPropertyName("t_ms")] long TimeMs,
    [property: JsonPropertyName("brokers")] IReadOnlyList<int> Brokers,
    [property: JsonPropertyName("controller")] int Controller,
    [property: JsonPropertyName("partitions")] IReadOnlyList<WatchedPartition> Partitions,
    [property: JsonPropertyName("locks")] IReadOnlyList<WatchedLock> Locks,
    [property: JsonPropertyName("error")] string? Error)
{
    public static WatchSample Failed(long timeMs, string error) => new(timeMs, [], -1, [], [], error);
}

/// <summary>
/// A partition's assignment and state; Leader -1 and an empty ISR when its state znode is missing. MinIsr is its
/// topic's min.insync.replicas, so "below min ISR" can be told from the record alone.
/// </summary>
internal sealed record WatchedPartition(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("partition")] int Partition,
    [property: JsonPropertyName("replicas")] IReadOnlyList<int> Replicas,
    [property: JsonPropertyName("leader")] int Leader,
    [property: JsonPropertyName("isr")] IReadOnlyList<int> Isr,
    [property: JsonPropertyName("min_isr")] int MinIsr = 1)
{
    [JsonIgnore]
    public string Name => $"{Topic}-{Partition}";
}

/// <summary>
/// One node of the agents' disruptive lock queue, in queue order (the first is the holder). Host, broker and action
/// come from the node's data as the agent wrote it; null when it could not be read.
/// </summary>
internal sealed record WatchedLock(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("broker_id")] int? BrokerId,
    [property: JsonPropertyName("action")] string? Action);
