using System.Globalization;
using System.Text.Json;
using KafkaAgent.Sandbox.Protocol;

namespace KafkaAgent.Sandbox.Cluster;

/// <summary>Kafka's ZooKeeper paths and the JSON it keeps in them (kafka.zk.ZkData in Kafka 2.8).</summary>
internal static class KafkaZNodes
{
    public const string BrokerIds = "/brokers/ids";
    public const string Topics = "/brokers/topics";
    public const string Controller = "/controller";
    public const string ControllerEpoch = "/controller_epoch";
    public const string ClusterId = "/cluster/id";
    public const string TopicConfigs = "/config/topics";

    /// <summary>The persistent paths a Kafka 2.8 broker makes sure exist at start-up.</summary>
    public static readonly IReadOnlyList<string> PersistentPaths =
    [
        "/consumers", BrokerIds, Topics, "/brokers/seqid", "/config/changes", "/config/topics", "/config/clients",
        "/config/users", "/config/brokers", "/admin/delete_topics", "/isr_change_notification",
        "/latest_producer_id_block", "/log_dir_event_notification", "/cluster",
    ];

    public static string BrokerPath(int id) => $"{BrokerIds}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string TopicPath(string topic) => $"{Topics}/{topic}";

    public static string TopicConfigPath(string topic) => $"{TopicConfigs}/{topic}";

    /// <summary>/config/topics/&lt;t&gt;: {"version":1,"config":{"min.insync.replicas":"2"}}, written (empty or not) at creation.</summary>
    public static byte[] EncodeTopicConfig(IReadOnlyDictionary<string, string> config) => Json(w =>
    {
        w.WriteNumber("version", 1);
        w.WriteStartObject("config");
        foreach (var (key, value) in config)
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
    });

    public static IReadOnlyDictionary<string, string> DecodeTopicConfig(ReadOnlySpan<byte> data)
    {
        using var doc = JsonDocument.Parse(data.ToArray());
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        if (doc.RootElement.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in c.EnumerateObject())
            {
                config[p.Name] = p.Value.ToString();
            }
        }
        return config;
    }

    public static string PartitionStatePath(string topic, int partition) =>
        $"{Topics}/{topic}/partitions/{partition.ToString(CultureInfo.InvariantCulture)}/state";

    /// <summary>/controller: {"version":1,"brokerid":1,"timestamp":"..."}.</summary>
    public static byte[] EncodeController(int brokerId, long timestampMs) => Json(w =>
    {
        w.WriteNumber("version", 1);
        w.WriteNumber("brokerid", brokerId);
        w.WriteString("timestamp", timestampMs.ToString(CultureInfo.InvariantCulture));
    });

    public static int DecodeControllerId(ReadOnlySpan<byte> data)
    {
        using var doc = JsonDocument.Parse(data.ToArray());
        return doc.RootElement.GetProperty("brokerid").GetInt32();
    }

    /// <summary>/cluster/id: {"version":"1","id":"&lt;base64 uuid&gt;"} (the version is a string here).</summary>
    public static byte[] EncodeClusterId(string id) => Json(w =>
    {
        w.WriteString("version", "1");
        w.WriteString("id", id);
    });

    public static string DecodeClusterId(ReadOnlySpan<byte> data)
    {
        using var doc = JsonDocument.Parse(data.ToArray());
        return doc.RootElement.GetProperty("id").GetString() ?? throw new FormatException("/cluster/id has no id");
    }

    /// <summary>
    /// /brokers/topics/&lt;t&gt; as Kafka 2.8 writes it: version 3 with topic_id (2.8's topic IDs);
    /// versions 1 and 2 (without it) are read too.
    /// </summary>
    public static byte[] EncodeTopic(KafkaUuid topicId, IReadOnlyDictionary<int, IReadOnlyList<int>> assignment) => Json(w =>
    {
        w.WriteNumber("version", 3);
        w.WriteString("topic_id", topicId.ToString());
        w.WriteStartObject("partitions");
        foreach (var (partition, replicas) in assignment.OrderBy(p => p.Key))
        {
            w.WriteStartArray(partition.ToString(CultureInfo.InvariantCulture));
            foreach (var r in replicas)
            {
                w.WriteNumberValue(r);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartObject("adding_replicas");
        w.WriteEndObject();
        w.WriteStartObject("removing_replicas");
        w.WriteEndObject();
    });

    public static (KafkaUuid TopicId, IReadOnlyDictionary<int, IReadOnlyList<int>> Assignment) DecodeTopic(ReadOnlySpan<byte> data)
    {
        using var doc = JsonDocument.Parse(data.ToArray());
        var root = doc.RootElement;
        var id = root.TryGetProperty("topic_id", out var t) && t.GetString() is { } s ? KafkaUuid.Parse(s) : KafkaUuid.Zero;
        var assignment = new SortedDictionary<int, IReadOnlyList<int>>();
        foreach (var p in root.GetProperty("partitions").EnumerateObject())
        {
            assignment[int.Parse(p.Name, CultureInfo.InvariantCulture)] = p.Value.EnumerateArray().Select(e => e.GetInt32()).ToList();
        }
        return (id, assignment);
    }

    /// <summary>.../partitions/&lt;p&gt;/state: {"controller_epoch":1,"leader":1,"version":1,"leader_epoch":0,"isr":[1,2]}.</summary>
    public static byte[] EncodePartitionState(PartitionState state) => Json(w =>
    {
        w.WriteNumber("controller_epoch", state.ControllerEpoch);
        w.WriteNumber("leader", state.Leader);
        w.WriteNumber("version", 1);
        w.WriteNumber("leader_epoch", state.LeaderEpoch);
        w.WriteStartArray("isr");
        foreach (var r in state.Isr)
        {
            w.WriteNumberValue(r);
        }
        w.WriteEndArray();
    });

    public static PartitionState DecodePartitionState(ReadOnlySpan<byte> data)
    {
        using var doc = JsonDocument.Parse(data.ToArray());
        var root = doc.RootElement;
        return new PartitionState(
            root.GetProperty("leader").GetInt32(),
            root.GetProperty("leader_epoch").GetInt32(),
            root.GetProperty("isr").EnumerateArray().Select(e => e.GetInt32()).ToList(),
            root.TryGetProperty("controller_epoch", out var ce) ? ce.GetInt32() : 0);
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
