namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>The parsed answer to <c>conf</c>: the serving configuration as "key=value" lines.</summary>
/// <param name="Values">Every key; the first occurrence wins.</param>
/// <param name="Servers">The ensemble's "server.N" lines (empty for a standalone server), keyed by id.</param>
public sealed record ConfReply(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<int, string> Servers)
{
    /// <summary>clientPort.</summary>
    public long? ClientPort => ReplyLines.Int64(Values, "clientPort");

    /// <summary>dataDir (ZooKeeper reports the version-2 folder).</summary>
    public string? DataDirectory => Values.GetValueOrDefault("dataDir");

    /// <summary>tickTime (ms).</summary>
    public long? TickTime => ReplyLines.Int64(Values, "tickTime");

    /// <summary>initLimit (ticks; ensemble only).</summary>
    public long? InitLimit => ReplyLines.Int64(Values, "initLimit");

    /// <summary>syncLimit (ticks; ensemble only).</summary>
    public long? SyncLimit => ReplyLines.Int64(Values, "syncLimit");

    /// <summary>maxClientCnxns.</summary>
    public long? MaxClientConnections => ReplyLines.Int64(Values, "maxClientCnxns");

    /// <summary>minSessionTimeout (ms).</summary>
    public long? MinSessionTimeout => ReplyLines.Int64(Values, "minSessionTimeout");

    /// <summary>maxSessionTimeout (ms).</summary>
    public long? MaxSessionTimeout => ReplyLines.Int64(Values, "maxSessionTimeout");

    /// <summary>serverId (myid; 0 for standalone).</summary>
    public long? ServerId => ReplyLines.Int64(Values, "serverId");

    /// <summary>Parses conf's lines.</summary>
    /// <exception cref="FormatException">The text has no clientPort line.</exception>
    public static ConfReply Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = ReplyLines.Split(text, "=");
        ReplyLines.Require(values, "clientPort", "conf");
        var servers = new Dictionary<int, string>();
        foreach (var (key, value) in values)
        {
            if (key.StartsWith("server.", StringComparison.Ordinal)
                && int.TryParse(key.AsSpan("server.".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                servers[id] = value;
            }
        }

        return new ConfReply(values, servers);
    }
}
