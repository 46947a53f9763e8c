using System.Globalization;
using System.Text;
using System.Text.Json;
using KafkaAgent.Sandbox.Config;

namespace KafkaAgent.Sandbox.Cluster;

// Independent of the agent's BrokerRegistrationJson on purpose: this writes what Kafka writes, the agent's reader must cope.
/// <summary>
/// The JSON of /brokers/ids/&lt;id&gt; as Kafka 2.8 writes it (version 5: version 4's
/// listener_security_protocol_map plus an empty features map). host/port repeat the first PLAINTEXT
/// endpoint for old clients (null / -1 when there is none); rack only when broker.rack is set.
/// </summary>
internal sealed record BrokerRegistration(
    int Id,
    IReadOnlyList<ListenerEndpoint> Endpoints,
    int JmxPort,
    string? Rack,
    long Timestamp,
    int Version = 5)
{
    public byte[] ToJson()
    {
        var plaintext = Endpoints.FirstOrDefault(e => e.SecurityProtocol == "PLAINTEXT");
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (Version >= 5)
            {
                json.WriteStartObject("features");
                json.WriteEndObject();
            }
            if (Version >= 4)
            {
                json.WriteStartObject("listener_security_protocol_map");
                foreach (var e in Endpoints)
                {
                    json.WriteString(e.ListenerName, e.SecurityProtocol);
                }
                json.WriteEndObject();
            }
            json.WriteStartArray("endpoints");
            foreach (var e in Endpoints)
            {
                json.WriteStringValue(e.ConnectionString);
            }
            json.WriteEndArray();
            json.WriteNumber("jmx_port", JmxPort);
            if (Rack is not null && Version >= 3)
            {
                json.WriteString("rack", Rack);
            }
            json.WriteNumber("port", plaintext?.Port ?? -1);
            if (plaintext is null)
            {
                json.WriteNull("host");
            }
            else
            {
                json.WriteString("host", plaintext.Host);
            }
            json.WriteNumber("version", Version);
            json.WriteString("timestamp", Timestamp.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads versions 1 to 5 (version 1 has only host/port: a PLAINTEXT endpoint).</summary>
    public static BrokerRegistration Parse(int id, ReadOnlySpan<byte> data)
    {
        using var doc = JsonDocument.Parse(data.ToArray());
        var root = doc.RootElement;
        var version = root.TryGetProperty("version", out var v) ? v.GetInt32() : 1;
        var protocolMap = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("listener_security_protocol_map", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in map.EnumerateObject())
            {
                protocolMap[p.Name] = p.Value.GetString() ?? "PLAINTEXT";
            }
        }
        var endpoints = new List<ListenerEndpoint>();
        if (root.TryGetProperty("endpoints", out var eps) && eps.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in eps.EnumerateArray())
            {
                var text = e.GetString() ?? string.Empty;
                var name = text.Split("://", 2)[0];
                // Before version 4 the listener name was the security protocol itself.
                protocolMap.TryAdd(name, name);
                endpoints.Add(ListenerEndpoint.Parse(text, protocolMap, $"/brokers/ids/{id}"));
            }
        }
        else if (root.TryGetProperty("host", out var host) && host.ValueKind == JsonValueKind.String)
        {
            endpoints.Add(new ListenerEndpoint("PLAINTEXT", host.GetString()!, root.GetProperty("port").GetInt32(), "PLAINTEXT"));
        }
        var jmx = root.TryGetProperty("jmx_port", out var j) && j.ValueKind == JsonValueKind.Number ? j.GetInt32() : -1;
        var rack = root.TryGetProperty("rack", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var timestamp = root.TryGetProperty("timestamp", out var t) && long.TryParse(t.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts) ? ts : 0;
        return new BrokerRegistration(id, endpoints, jmx, rack, timestamp, version);
    }

    public override string ToString() => Encoding.UTF8.GetString(ToJson());
}
