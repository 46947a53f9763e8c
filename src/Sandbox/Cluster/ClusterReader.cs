using System.Globalization;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Cluster;

/// <summary>Reads Kafka's cluster state from its znodes: the stand-in's metadata cache, and the sandbox's status.</summary>
internal static class ClusterReader
{
    public static async Task<ClusterSnapshot> ReadAsync(ZooKeeperClient zk, CancellationToken ct)
    {
        var clusterIdNode = await ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.ClusterId, ct);
        var controllerNode = await ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.Controller, ct);
        var brokers = new Dictionary<int, BrokerRegistration>();
        var epochs = new Dictionary<int, long>();
        foreach (var child in await ZooKeeperPaths.ChildrenAsync(zk, KafkaZNodes.BrokerIds, ct))
        {
            if (!int.TryParse(child, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }
            var node = await ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.BrokerPath(id), ct);
            if (node is not null)
            {
                brokers[id] = BrokerRegistration.Parse(id, node.Data);
                epochs[id] = node.Stat.Czxid;
            }
        }
        var topics = new List<TopicState>();
        foreach (var name in (await ZooKeeperPaths.ChildrenAsync(zk, KafkaZNodes.Topics, ct)).Order(StringComparer.Ordinal))
        {
            var node = await ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.TopicPath(name), ct);
            if (node is null || node.Data.Length == 0)
            {
                continue;
            }
            var (topicId, assignment) = KafkaZNodes.DecodeTopic(node.Data);
            var states = await Task.WhenAll(assignment.Keys.Select(p => ZooKeeperPaths.TryGetAsync(zk, KafkaZNodes.PartitionStatePath(name, p), ct)));
            var partitions = assignment.Select((a, i) => new PartitionInfo(
                a.Key,
                a.Value,
                states[i] is { Data.Length: > 0 } s ? KafkaZNodes.DecodePartitionState(s.Data) : null)).ToList();
            topics.Add(new TopicState(name, topicId, partitions));
        }
        return new ClusterSnapshot(
            clusterIdNode is { Data.Length: > 0 } c ? KafkaZNodes.DecodeClusterId(c.Data) : null,
            controllerNode is { Data.Length: > 0 } k ? KafkaZNodes.DecodeControllerId(k.Data) : -1,
            brokers,
            topics)
        {
            BrokerEpochs = epochs,
        };
    }
}
