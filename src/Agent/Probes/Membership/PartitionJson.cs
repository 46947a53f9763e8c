using System.Globalization;
using System.Text.Json;

namespace KafkaAgent.Probes.Membership;

/// <summary>Kafka's partition znodes (kafka.zk.ZkData): assignment, state, topic config.</summary>
internal static class PartitionJson
{
    /// <summary>/brokers/topics/&lt;t&gt;: {"version":1..3,"partitions":{"0":[1,2,3],...},...}.</summary>
    public static SortedDictionary<int, IReadOnlyList<int>> ParseAssignment(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var result = new SortedDictionary<int, IReadOnlyList<int>>();
        if (document.RootElement.TryGetProperty("partitions", out var partitions) && partitions.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in partitions.EnumerateObject())
            {
                if (int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && p.Value.ValueKind == JsonValueKind.Array)
                {
                    result[id] = Ints(p.Value);
                }
            }
        }

        return result;
    }

    /// <summary>.../partitions/&lt;p&gt;/state: {"controller_epoch":1,"leader":1,"leader_epoch":0,"isr":[1,2],"version":1}.</summary>
    public static (int Leader, IReadOnlyList<int> Isr) ParseState(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var leader = root.TryGetProperty("leader", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : -1;
        var isr = root.TryGetProperty("isr", out var i) && i.ValueKind == JsonValueKind.Array ? Ints(i) : [];
        return (leader, isr);
    }

    /// <summary>/config/topics/&lt;t&gt;: {"version":1,"config":{"min.insync.replicas":"2"}}; null when not overridden.</summary>
    public static int? ParseMinIsr(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return document.RootElement.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("min.insync.replicas", out var v) && v.ValueKind == JsonValueKind.String
            && int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : null;
    }

    /// <summary>/controller: {"version":1,"brokerid":1,"timestamp":"..."}.</summary>
    public static int? ParseController(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return document.RootElement.TryGetProperty("brokerid", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : null;
    }

    private static List<int> Ints(JsonElement array) =>
        array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32()).ToList();
}
