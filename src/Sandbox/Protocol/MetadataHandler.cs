using KafkaAgent.Sandbox.Cluster;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>
/// Answers Metadata v0-v11 from the metadata cache the way Kafka 2.8's MetadataCache does: brokers are
/// the live ones with an endpoint on the listener the request came in on; a partition whose leader is
/// not live gets LEADER_NOT_AVAILABLE and leader -1; only v0 filters dead replicas (REPLICA_NOT_AVAILABLE).
/// </summary>
internal static class MetadataHandler
{
    // Kafka's AUTHORIZED_OPERATIONS_OMITTED.
    private const int OperationsOmitted = int.MinValue;

    public static byte[] Handle(RequestHeader header, ref KafkaReader body, ClusterSnapshot snapshot, string listenerName)
    {
        var request = MetadataRequest.Read(header.ApiVersion, ref body);
        var v = request.Version;
        var flexible = v >= 9;
        var writer = new KafkaWriter().Int32(header.CorrelationId);
        if (flexible)
        {
            writer.NoTaggedFields(); // response header v1
        }
        if (v >= 3)
        {
            writer.Int32(0); // throttle_time_ms
        }

        var brokers = snapshot.Brokers.Values
            .Select(b => (b.Id, b.Rack, Endpoint: b.Endpoints.FirstOrDefault(e => e.ListenerName == listenerName)))
            .Where(b => b.Endpoint is not null)
            .OrderBy(b => b.Id)
            .ToList();
        var live = brokers.Select(b => b.Id).ToHashSet();
        writer.ArrayLength(brokers.Count, flexible);
        foreach (var b in brokers)
        {
            writer.Int32(b.Id).String(b.Endpoint!.Host, flexible).Int32(b.Endpoint.Port);
            if (v >= 1)
            {
                writer.String(b.Rack, flexible);
            }
            if (flexible)
            {
                writer.NoTaggedFields();
            }
        }
        if (v >= 2)
        {
            writer.String(snapshot.ClusterId, flexible);
        }
        if (v >= 1)
        {
            writer.Int32(live.Contains(snapshot.ControllerId) ? snapshot.ControllerId : -1);
        }

        var byName = snapshot.Topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var names = request.Topics ?? snapshot.Topics.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        writer.ArrayLength(names.Count, flexible);
        foreach (var name in names)
        {
            byName.TryGetValue(name, out var topic);
            writer.Int16((short)(topic is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.None));
            writer.String(name, flexible);
            if (v >= 10)
            {
                writer.Uuid(topic?.TopicId ?? KafkaUuid.Zero);
            }
            if (v >= 1)
            {
                writer.Bool(topic?.IsInternal ?? false);
            }
            var partitions = topic?.Partitions ?? [];
            writer.ArrayLength(partitions.Count, flexible);
            foreach (var p in partitions)
            {
                WritePartition(writer, v, p, live);
            }
            if (v >= 8)
            {
                writer.Int32(OperationsOmitted);
            }
            if (flexible)
            {
                writer.NoTaggedFields();
            }
        }
        if (v is >= 8 and <= 10)
        {
            writer.Int32(OperationsOmitted);
        }
        if (flexible)
        {
            writer.NoTaggedFields();
        }
        return writer.ToFrame();
    }

    private static void WritePartition(KafkaWriter writer, short v, PartitionInfo p, HashSet<int> live)
    {
        var flexible = v >= 9;
        var state = p.State;
        var leader = state?.Leader ?? -1;
        var isr = state?.Isr ?? [];
        IReadOnlyList<int> replicas = p.Replicas;
        ErrorCode error;
        if (!live.Contains(leader))
        {
            error = ErrorCode.LeaderNotAvailable;
            leader = -1;
        }
        else if (v == 0 && (replicas.Any(r => !live.Contains(r)) || isr.Any(r => !live.Contains(r))))
        {
            error = ErrorCode.ReplicaNotAvailable;
        }
        else
        {
            error = ErrorCode.None;
        }
        if (v == 0)
        {
            replicas = replicas.Where(live.Contains).ToList();
            isr = isr.Where(live.Contains).ToList();
        }
        writer.Int16((short)error).Int32(p.Partition).Int32(leader);
        if (v >= 7)
        {
            writer.Int32(state?.LeaderEpoch ?? -1);
        }
        writer.Int32Array(replicas.ToList(), flexible).Int32Array(isr.ToList(), flexible);
        if (v >= 5)
        {
            writer.Int32Array(Array.Empty<int>(), flexible); // offline_replicas
        }
        if (flexible)
        {
            writer.NoTaggedFields();
        }
    }
}
