using System.Globalization;

namespace KafkaAgent.Configuration.Discovery;

/// <summary>A host and TCP port; IPv6 literals are written in brackets ([::1]:2181).</summary>
internal sealed record HostPort(string Host, int Port)
{
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public static bool TryParse(string text, out HostPort? result)
    {
        result = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        result = new HostPort(host, port);
        return true;
    }
}
