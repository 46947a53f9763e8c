using System.Globalization;

namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>The parsed answer to <c>srvr</c> (whitelisted even on a default ZooKeeper 3.5+ install).</summary>
public sealed record SrvrReply(
    string Version,
    ZooKeeperServerMode Mode,
    string ModeText,
    long Zxid,
    long NodeCount,
    long Connections,
    long Outstanding,
    long Received,
    long Sent,
    long LatencyMin,
    double LatencyAverage,
    long LatencyMax)
{
    /// <summary>Parses srvr's "Key: value" lines.</summary>
    /// <exception cref="FormatException">A required line is missing or malformed (e.g. "not currently serving requests").</exception>
    public static SrvrReply Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = ReplyLines.Split(text, ": ");
        var modeText = ReplyLines.Require(values, "Mode", "srvr");
        var latency = values.GetValueOrDefault("Latency min/avg/max", "0/0/0").Split('/');
        if (latency.Length != 3)
        {
            throw new FormatException($"srvr latency is not min/avg/max: '{values["Latency min/avg/max"]}'");
        }

        return new SrvrReply(
            Version: ReplyLines.Require(values, "Zookeeper version", "srvr"),
            Mode: ZooKeeperServerModes.Parse(modeText),
            ModeText: modeText,
            Zxid: ParseZxid(ReplyLines.Require(values, "Zxid", "srvr")),
            NodeCount: ReplyLines.RequireInt64(values, "Node count", "srvr"),
            Connections: ReplyLines.Int64(values, "Connections") ?? 0,
            Outstanding: ReplyLines.Int64(values, "Outstanding") ?? 0,
            Received: ReplyLines.Int64(values, "Received") ?? 0,
            Sent: ReplyLines.Int64(values, "Sent") ?? 0,
            LatencyMin: ParseInt64(latency[0]),
            LatencyAverage: double.Parse(latency[1], NumberStyles.Float, CultureInfo.InvariantCulture),
            LatencyMax: ParseInt64(latency[2]));
    }

    private static long ParseZxid(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var zxid)
            ? zxid
            : throw new FormatException($"srvr Zxid is not hexadecimal: '{text}'");

    private static long ParseInt64(string text) => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
