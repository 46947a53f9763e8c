using System.Globalization;
using System.Text.Json;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Watch;

/// <summary>Reads one <see cref="WatchSample"/> through the watcher's own session (paths relative to the chroot).</summary>
internal static class WatchReader
{
    /// <summary>The agents' lock queue for disruptive actions, beside Kafka's znodes under the chroot.</summary>
    public const string LockQueue = "/kafka-agent/locks/disruptive";

    public static async Task<WatchSample> ReadAsync(ZooKeeperClient zk, long timeMs, CancellationToken ct)
    {
        var snapshot = await ClusterReader.ReadAsync(zk, ct);
        var partitions = new List<WatchedPartition>();
        foreach (var t in snapshot.Topics)
        {
            var minIsr = await MinIsrAsync(zk, t.Name, ct);
            partitions.AddRange(t.Partitions.Select(p => new WatchedPartition(t.Name, p.Partition, p.Replicas, p.State?.Leader ?? -1, p.State?.Isr ?? [], minIsr)));
        }

        return new WatchSample(timeMs, snapshot.Brokers.Keys.Order().ToList(), snapshot.ControllerId, partitions, await LocksAsync(zk, ct), null);
    }

    /// <summary>
    /// The topic's min.insync.replicas from /config/topics/&lt;t&gt;, so a reader can tell an ISR below it without
    /// knowing the topics; Kafka's broker default (1) when the topic sets none (the sandbox's brokers set none either).
    /// </summary>
    private static async Task<int> MinIsrAsync(ZooKeeperClient zk, string topic, CancellationToken ct) =>
        await ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.TopicConfigPath(topic), ct) is { Data.Length: > 0 } node
            ? MinIsr(node.Data)
            : 1;

    internal static int MinIsr(ReadOnlySpan<byte> topicConfig)
    {
        try
        {
            return KafkaZNodes.DecodeTopicConfig(topicConfig).TryGetValue("min.insync.replicas", out var v)
                && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        }
        catch (JsonException)
        {
            return 1;
        }
    }

    private static async Task<IReadOnlyList<WatchedLock>> LocksAsync(ZooKeeperClient zk, CancellationToken ct)
    {
        var queue = (await ZooKeeperPaths.ChildrenAsync(zk, LockQueue, ct))
            .Select(name => (Name: name, Sequence: Sequence(name)))
            .Where(n => n.Sequence >= 0)
            .OrderBy(n => n.Sequence)
            .ToList();
        var locks = new List<WatchedLock>(queue.Count);
        foreach (var (name, sequence) in queue)
        {
            // A node may go between the listing and the read: it then simply is not in this sample.
            if (await ZooKeeperPaths.TryGetAsync(zk, LockQueue + "/" + name, ct) is { } node)
            {
                locks.Add(Parse(name, sequence, node.Data));
            }
        }

        return locks;
    }

    /// <summary>ZooKeeper appends a sequential node's counter as its last 10 digits; -1 for anything else.</summary>
    internal static long Sequence(string name) =>
        name.Length > 10 && long.TryParse(name.AsSpan(name.Length - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;

    /// <summary>The agent's lock node data: {"host":..,"broker_id":..,"action":..}; unknown fields stay null.</summary>
    internal static WatchedLock Parse(string name, long sequence, ReadOnlySpan<byte> data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data.ToArray());
            var root = doc.RootElement;
            return new WatchedLock(
                name,
                sequence,
                root.TryGetProperty("host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null,
                root.TryGetProperty("broker_id", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt32() : null,
                root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null);
        }
        catch (JsonException)
        {
            return new WatchedLock(name, sequence, null, null, null);
        }
    }
}
