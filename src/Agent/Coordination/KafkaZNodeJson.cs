using System.Globalization;
using System.Text.Json;

namespace KafkaAgent.Coordination;

/// <summary>
/// Reads the Kafka 2.x znodes the guards need (kafka.zk.ZkData's formats). Lenient in what it ignores (unknown
/// fields, versions 1-3 of a topic node), strict in what it needs: a missing or mistyped field is a
/// <see cref="FormatException"/> naming the path, and a guard that cannot read its facts refuses.
/// </summary>
internal static class KafkaZNodeJson
{
    /// <summary>/brokers/topics/&lt;t&gt;: {"version":3,"topic_id":"...","partitions":{"0":[1,2,3]},"adding_replicas":{},"removing_replicas":{}}.</summary>
    public static SortedDictionary<int, int[]> Assignment(string path, ReadOnlySpan<byte> data) => Read(path, data, root =>
    {
        var result = new SortedDictionary<int, int[]>();
        foreach (var partition in root.GetProperty("partitions").EnumerateObject())
        {
            result[int.Parse(partition.Name, NumberStyles.None, CultureInfo.InvariantCulture)] = Ids(partition.Value);
        }

        return result;
    });

    /// <summary>.../partitions/&lt;p&gt;/state: {"controller_epoch":1,"leader":1,"version":1,"leader_epoch":0,"isr":[1,2]}.</summary>
    public static int[] Isr(string path, ReadOnlySpan<byte> data) => Read(path, data, root => Ids(root.GetProperty("isr")));

    /// <summary>/config/topics/&lt;t&gt;, /config/brokers/&lt;id&gt;: {"version":1,"config":{"min.insync.replicas":"2"}}.</summary>
    public static string? ConfigValue(string path, ReadOnlySpan<byte> data, string key) => Read(path, data, root =>
        root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null);

    /// <summary>/controller: {"version":1,"brokerid":1,"timestamp":"1700000000000"}.</summary>
    public static int ControllerId(string path, ReadOnlySpan<byte> data) => Read(path, data, root => root.GetProperty("brokerid").GetInt32());

    private static int[] Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static T Read<T>(string path, ReadOnlySpan<byte> data, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(data.ToArray());
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new FormatException($"{path}: not Kafka's JSON ({ex.Message})", ex);
        }
    }
}
