using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Broker;

/// <summary>
/// What the elected controller does to partition state, reduced to what the agent can observe:
/// partitions of a new topic get a state znode (leader = first live replica, ISR = live replicas);
/// a dead broker leaves the ISR (never emptying it) and loses leadership to the next live ISR member
/// (leader -1 when there is none: an offline partition); a live replica rejoins the ISR when the
/// partition has a leader (real followers rejoin once caught up).
/// </summary>
internal sealed class ControllerDuties(ILogger logger)
{
    public async Task RunAsync(ZooKeeperClient zk, ClusterSnapshot snapshot, int controllerEpoch, CancellationToken ct)
    {
        var live = snapshot.Brokers.Keys.ToHashSet();
        foreach (var topic in snapshot.Topics)
        {
            foreach (var p in topic.Partitions)
            {
                var next = Next(p, live, controllerEpoch);
                if (next is null)
                {
                    continue;
                }
                var path = KafkaZNodes.PartitionStatePath(topic.Name, p.Partition);
                var data = KafkaZNodes.EncodePartitionState(next);
                try
                {
                    if (p.State is null)
                    {
                        await ZooKeeperPaths.EnsurePersistentAsync(zk, path[..path.LastIndexOf('/')], ct);
                        await zk.CreateAsync(path, data, CreateMode.Persistent, ct);
                    }
                    else
                    {
                        await zk.SetDataAsync(path, data, -1, ct);
                    }
                    Log.PartitionStateChanged(logger, controllerEpoch, $"{topic.Name}-{p.Partition}", next.Leader, string.Join(",", next.Isr));
                }
                catch (ZooKeeperException e) when (e.Code is ZooKeeperErrorCode.NodeExists or ZooKeeperErrorCode.NoNode)
                {
                    // raced with an admin tool or the topic's deletion: the next pass sees the result
                }
            }
        }
    }

    internal static PartitionState? Next(PartitionInfo p, IReadOnlySet<int> live, int controllerEpoch)
    {
        if (p.State is not { } s)
        {
            var liveReplicas = p.Replicas.Where(live.Contains).ToList();
            return liveReplicas.Count == 0
                ? new PartitionState(-1, 0, p.Replicas.Take(1).ToList(), controllerEpoch)
                : new PartitionState(liveReplicas[0], 0, liveReplicas, controllerEpoch);
        }
        var isr = s.Isr.Where(live.Contains).ToList();
        var leader = s.Leader;
        var epoch = s.LeaderEpoch;
        if (!live.Contains(leader))
        {
            var candidate = p.Replicas.FirstOrDefault(r => live.Contains(r) && s.Isr.Contains(r), -1);
            if (candidate != leader)
            {
                leader = candidate;
                epoch++;
            }
        }
        if (leader >= 0)
        {
            foreach (var r in p.Replicas.Where(r => live.Contains(r) && !isr.Contains(r)))
            {
                isr.Add(r);
            }
            isr = p.Replicas.Where(isr.Contains).Concat(isr.Where(r => !p.Replicas.Contains(r))).ToList();
        }
        if (isr.Count == 0)
        {
            isr = s.Isr.ToList(); // Kafka never shrinks the ISR to nothing: the last member stays
        }
        if (leader == s.Leader && isr.SequenceEqual(s.Isr))
        {
            return null;
        }
        return new PartitionState(leader, epoch, isr, controllerEpoch);
    }
}
