using System.Globalization;

namespace KafkaAgent.Configuration.Discovery;

// The broker stand-in keeps its own parser on purpose; Sandbox.Tests/Parity/ParserParityTests runs both over one input set.
/// <summary>One entry of Kafka's listeners / advertised.listeners: NAME://host:port (host may be empty).</summary>
internal sealed record KafkaListener(string Name, string Host, int Port)
{
    /// <summary>Empty or 0.0.0.0 / :: host: Kafka binds every address and registers the canonical host name.</summary>
    public bool IsWildcardHost => Host.Length == 0 || Host is "0.0.0.0" or "::";

    public override string ToString() => $"{Name}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Parses a comma-separated listener list; null with the offending entry when one is malformed.</summary>
    public static IReadOnlyList<KafkaListener> ParseList(string text, out string? badEntry)
    {
        badEntry = null;
        var result = new List<KafkaListener>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var scheme = raw.IndexOf("://", StringComparison.Ordinal);
            var colon = raw.LastIndexOf(':');
            if (scheme <= 0 || colon < scheme + 3
                || !int.TryParse(raw.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port > 65535)
            {
                badEntry = raw;
                return [];
            }

            var host = raw[(scheme + 3)..colon].Trim('[', ']');
            result.Add(new KafkaListener(raw[..scheme].ToUpperInvariant(), host, port));
        }

        return result;
    }
}
