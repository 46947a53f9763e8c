using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Probes.Membership;

/// <summary>
/// Reads partition health the way the controller left it in ZooKeeper: /controller, the children of /brokers/topics,
/// each topic's assignment and override, and each partition's state znode; nothing else. Reads of one topic go out
/// together (the client pipelines them on its session). At most <paramref name="maxPartitions"/> states per pass:
/// the next pass starts at the topic where this one stopped, so a big cluster is covered over several passes.
/// Not thread-safe: one pass at a time.
/// </summary>
internal sealed class PartitionReader(TimeProvider time, Func<int> serverMinIsr, int maxPartitions = PartitionFacts.MaxPartitionsPerCycle)
{
    /// <summary>
    /// Kafka elects a new controller within milliseconds of /controller going; missing for this long means nobody could
    /// take it. A pass that sees it missing for the first time waits this long and looks again (only on that fault path).
    /// </summary>
    public static readonly TimeSpan ControllerGrace = TimeSpan.FromSeconds(3);

    private const int Batch = 200;
    private int _topicCursor;
    private long? _controllerMissingSince;

    public async Task<PartitionFacts> ReadAsync(ZooKeeperClient zk, bool brokersRegistered, CancellationToken cancellationToken)
    {
        var (controller, missingFor) = await ControllerAsync(zk, brokersRegistered, cancellationToken);
        var topics = await ChildrenAsync(zk, "/brokers/topics", cancellationToken);
        topics.Sort(StringComparer.Ordinal);
        var unhealthy = new List<PartitionState>();
        var read = 0;
        var capped = false;
        if (topics.Count > 0)
        {
            var start = _topicCursor % topics.Count;
            var visited = 0;
            for (; visited < topics.Count; visited++)
            {
                var topic = topics[(start + visited) % topics.Count];
                var assignment = await AssignmentAsync(zk, topic, cancellationToken);
                if (read > 0 && read + assignment.Count > maxPartitions)
                {
                    capped = true;
                    break;
                }

                var minIsr = await TopicMinIsrAsync(zk, topic, cancellationToken) ?? serverMinIsr();
                foreach (var chunk in assignment.Chunk(Batch))
                {
                    var states = await Task.WhenAll(chunk.Select(p => StateAsync(zk, topic, p.Key, p.Value, minIsr, cancellationToken)));
                    unhealthy.AddRange(states.OfType<PartitionState>().Where(Unhealthy));
                }

                read += assignment.Count;
            }

            _topicCursor = (start + visited) % topics.Count;
        }

        return new PartitionFacts(topics.Count, read, capped, unhealthy, controller, missingFor, null);
    }

    private static bool Unhealthy(PartitionState p) => p.Leader < 0 || p.Isr.Count < p.Replicas.Count || p.Isr.Count < p.MinIsr;

    private async Task<(int? Controller, TimeSpan MissingFor)> ControllerAsync(ZooKeeperClient zk, bool brokersRegistered, CancellationToken cancellationToken)
    {
        var controller = await TryControllerAsync(zk, cancellationToken);
        if (controller is not null)
        {
            _controllerMissingSince = null;
            return (controller, TimeSpan.Zero);
        }

        var waited = false;
        if (_controllerMissingSince is null)
        {
            _controllerMissingSince = time.GetTimestamp();
            if (brokersRegistered)
            {
                // First sight: an election may be under way. Look again once the grace has passed.
                await Task.Delay(ControllerGrace, time, cancellationToken);
                waited = true;
                controller = await TryControllerAsync(zk, cancellationToken);
                if (controller is not null)
                {
                    _controllerMissingSince = null;
                    return (controller, TimeSpan.Zero);
                }
            }
        }

        // A timer may fire a tick before the timestamp clock says the grace is over; missing through the whole wait is the grace.
        var missing = time.GetElapsedTime(_controllerMissingSince.Value);
        return (null, waited && missing < ControllerGrace ? ControllerGrace : missing);
    }

    private static async Task<int?> TryControllerAsync(ZooKeeperClient zk, CancellationToken cancellationToken)
    {
        try
        {
            var data = await zk.GetDataAsync("/controller", cancellationToken: cancellationToken);
            return PartitionJson.ParseController(data.Data) ?? -1;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            return -1; // Present but not Kafka's JSON: some controller holds it.
        }
    }

    private static async Task<List<string>> ChildrenAsync(ZooKeeperClient zk, string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await zk.GetChildrenAsync(path, cancellationToken: cancellationToken)).Children.ToList();
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return [];
        }
    }

    private static async Task<SortedDictionary<int, IReadOnlyList<int>>> AssignmentAsync(ZooKeeperClient zk, string topic, CancellationToken cancellationToken)
    {
        try
        {
            var data = await zk.GetDataAsync($"/brokers/topics/{topic}", cancellationToken: cancellationToken);
            return PartitionJson.ParseAssignment(data.Data);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is ZooKeeperException { Code: ZooKeeperErrorCode.NoNode })
        {
            return []; // Deleted between the two reads, or not Kafka's JSON: nothing to judge.
        }
    }

    private static async Task<int?> TopicMinIsrAsync(ZooKeeperClient zk, string topic, CancellationToken cancellationToken)
    {
        try
        {
            var data = await zk.GetDataAsync($"/config/topics/{topic}", cancellationToken: cancellationToken);
            return PartitionJson.ParseMinIsr(data.Data);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is ZooKeeperException { Code: ZooKeeperErrorCode.NoNode })
        {
            return null;
        }
    }

    private static async Task<PartitionState?> StateAsync(
        ZooKeeperClient zk, string topic, int partition, IReadOnlyList<int> replicas, int minIsr, CancellationToken cancellationToken)
    {
        try
        {
            var data = await zk.GetDataAsync($"/brokers/topics/{topic}/partitions/{partition}/state", cancellationToken: cancellationToken);
            var (leader, isr) = PartitionJson.ParseState(data.Data);
            return new PartitionState(topic, partition, replicas, leader, isr, minIsr);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is ZooKeeperException { Code: ZooKeeperErrorCode.NoNode })
        {
            return null; // A topic the controller has not set up yet: no state to judge.
        }
    }
}
