using System.Globalization;

namespace KafkaAgent.Sandbox.Config;

// Independent of the agent's KafkaListener on purpose: a shared bug would hide; Sandbox.Tests/Parity runs both over one input set.
/// <summary>One entry of Kafka's listeners / advertised.listeners: NAME://host:port.</summary>
internal sealed record ListenerEndpoint(string ListenerName, string Host, int Port, string SecurityProtocol)
{
    /// <summary>The form Kafka writes into the endpoints array of /brokers/ids/&lt;id&gt;.</summary>
    public string ConnectionString => $"{ListenerName}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Parses "PLAINTEXT://127.0.0.1:9092"; the security protocol comes from the protocol map.</summary>
    public static ListenerEndpoint Parse(string text, IReadOnlyDictionary<string, string> protocolMap, string key)
    {
        var trimmed = text.Trim();
        var sep = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
        {
            throw new ConfigException(key, $"'{text}' is not of the form LISTENER_NAME://host:port");
        }
        var name = trimmed[..sep].ToUpperInvariant();
        var hostPort = trimmed[(sep + 3)..];
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ConfigException(key, $"'{text}' has no valid port");
        }
        var host = hostPort[..colon].Trim('[', ']');
        if (!protocolMap.TryGetValue(name, out var protocol))
        {
            throw new ConfigException(key, $"no security protocol defined for listener {name} in listener.security.protocol.map");
        }
        return new ListenerEndpoint(name, host, port, protocol);
    }

    public static IReadOnlyList<ListenerEndpoint> ParseList(string text, IReadOnlyDictionary<string, string> protocolMap, string key) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => Parse(e, protocolMap, key))
            .ToList();
}
