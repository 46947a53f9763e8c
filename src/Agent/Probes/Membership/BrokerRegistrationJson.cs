using System.Text.Json;

namespace KafkaAgent.Probes.Membership;

// The broker stand-in writes this JSON with its own code on purpose, so that a misreading here shows in the sandbox tests.
/// <summary>
/// Reads Kafka's /brokers/ids/&lt;id&gt; JSON: {"version":4,"host":"h","port":9092,"endpoints":["PLAINTEXT://h:9092"],...}.
/// Version 1 had only host and port, so those stand in for endpoints when the list is absent.
/// </summary>
internal static class BrokerRegistrationJson
{
    public static BrokerRegistration Parse(int id, ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var host = root.TryGetProperty("host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
        int? port = root.TryGetProperty("port", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
        var endpoints = new List<string>();
        if (root.TryGetProperty("endpoints", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            endpoints.AddRange(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }
        else if (host is not null && port is not null)
        {
            endpoints.Add($"PLAINTEXT://{host}:{port}");
        }

        return new BrokerRegistration(id, endpoints, host, port);
    }
}
