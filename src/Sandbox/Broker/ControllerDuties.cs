using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Broker;

/// <summary>
/// What the elected controller does to partition state, reduced to what the agent can observe:
/// partitions of a new topic get a state znode (leader = first live replica, ISR = live replicas);
/// a dead broker leaves the ISR at once (never emptying it) and loses leadership to the next live ISR
/// member (leader -1 when there is none: an offline partition); a replica that came back rejoins the ISR
/// only once it has caught up, modelled as <c>catchUp</c> after the controller first saw its registration
/// (a restart is a new registration, a new broker epoch). One instance lives as long as one controller
/// tenure, so a new controller starts every clock afresh, as a new Kafka controller does not trust old lag.
/// </summary>
internal sealed class ControllerDuties(ILogger logger, TimeProvider time, TimeSpan catchUp)
{
    private readonly Dictionary<int, (long Epoch, long SeenAt)> _liveSince = [];

    public async Task RunAsync(ZooKeeperClient zk, ClusterSnapshot snapshot, int controllerEpoch, CancellationToken ct)
    {
        var live = snapshot.Brokers.Keys.ToHashSet();
        var caughtUp = CaughtUp(snapshot);
        foreach (var topic in snapshot.Topics)
        {
            foreach (var p in topic.Partitions)
            {
                var next = Next(p, live, caughtUp, controllerEpoch);
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

    /// <summary>Live brokers registered (this epoch) for at least the catch-up time, as this controller saw them.</summary>
    internal HashSet<int> CaughtUp(ClusterSnapshot snapshot)
    {
        var now = time.GetTimestamp();
        foreach (var id in _liveSince.Keys.Where(id => !snapshot.Brokers.ContainsKey(id)).ToList())
        {
            _liveSince.Remove(id);
        }
        var caughtUp = new HashSet<int>();
        foreach (var id in snapshot.Brokers.Keys)
        {
            var epoch = snapshot.BrokerEpochs.GetValueOrDefault(id);
            if (!_liveSince.TryGetValue(id, out var seen) || seen.Epoch != epoch)
            {
                seen = (epoch, now);
                _liveSince[id] = seen;
            }
            if (time.GetElapsedTime(seen.SeenAt, now) >= catchUp)
            {
                caughtUp.Add(id);
            }
        }
        return caughtUp;
    }

    internal static PartitionState? Next(PartitionInfo p, IReadOnlySet<int> live, IReadOnlySet<int> caughtUp, int controllerEpoch)
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
            // A follower fetches from the leader; once caught up, the ISR grows back (leader epoch unchanged).
            foreach (var r in p.Replicas.Where(r => live.Contains(r) && caughtUp.Contains(r) && !isr.Contains(r)))
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
