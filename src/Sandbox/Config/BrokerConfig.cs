using System.Globalization;

namespace KafkaAgent.Sandbox.Config;

/// <summary>The part of Kafka's server.properties the stand-in honours, with Kafka 2.8's defaults.</summary>
internal sealed record BrokerConfig
{
    public const string DefaultProtocolMap = "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL";

    public required string SourcePath { get; init; }
    public required int BrokerId { get; init; }
    public required IReadOnlyList<string> LogDirs { get; init; }
    public required IReadOnlyList<ListenerEndpoint> Listeners { get; init; }
    public required IReadOnlyList<ListenerEndpoint> AdvertisedListeners { get; init; }
    public required string ZooKeeperConnect { get; init; }
    public TimeSpan ZooKeeperSessionTimeout { get; init; } = TimeSpan.FromMilliseconds(18000);
    public TimeSpan ZooKeeperConnectionTimeout { get; init; } = TimeSpan.FromMilliseconds(18000);
    public string? Rack { get; init; }

    /// <summary>ssl.keystore.*, ssl.key.password, ssl.client.auth, ssl.truststore.*: what the SSL listeners serve with.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>Per SASL_* listener name: the PLAIN users (user_NAME="password") of its listener.name.&lt;name&gt;.plain.sasl.jaas.config.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SaslPlainUsers { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Not a Kafka key (Kafka warns about unknown keys and goes on): where faults are switched on.</summary>
    public string? ControlFile { get; init; }

    /// <summary>Not a Kafka key: how often checkpoint files are rewritten (Kafka: replica.high.watermark.checkpoint.interval.ms).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Not a Kafka key: how long a follower that came back (a new registration) takes to catch up before the
    /// controller adds it to the ISR again. Real followers rejoin once they have fetched up to the leader.
    /// </summary>
    public TimeSpan IsrCatchUp { get; init; } = TimeSpan.FromSeconds(5);

    public static BrokerConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"Cannot read {path}: {e.Message}", e);
        }
        return FromProperties(JavaProperties.Parse(text), path);
    }

    public static BrokerConfig FromProperties(IReadOnlyDictionary<string, string> p, string sourcePath)
    {
        string? Get(string key) => p.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        int Int(string key, int fallback)
        {
            var v = Get(key);
            if (v is null)
            {
                return fallback;
            }
            return int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new ConfigException(key, $"'{v}' is not an integer (in {sourcePath})");
        }

        var protocolMap = ParseProtocolMap(Get("listener.security.protocol.map") ?? DefaultProtocolMap);
        var listeners = ListenerEndpoint.ParseList(Get("listeners") ?? "PLAINTEXT://:9092", protocolMap, "listeners");
        var advertised = Get("advertised.listeners") is { } adv
            ? ListenerEndpoint.ParseList(adv, protocolMap, "advertised.listeners")
            : listeners;
        // Kafka advertises the canonical host name when a listener binds every interface.
        advertised = advertised.Select(e => e.Host.Length == 0 ? e with { Host = System.Net.Dns.GetHostName() } : e).ToList();

        var brokerId = Int("broker.id", -1);
        if (brokerId < 0)
        {
            throw new ConfigException("broker.id", $"must be set to a non-negative integer (in {sourcePath})");
        }
        var logDirs = (Get("log.dirs") ?? Get("log.dir") ?? "/tmp/kafka-logs")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Path.GetFullPath)
            .ToList();
        var zk = Get("zookeeper.connect") ?? throw new ConfigException("zookeeper.connect", $"Missing required configuration \"zookeeper.connect\" which has no default value (in {sourcePath})");
        var session = Int("zookeeper.session.timeout.ms", 18000);
        var tls = TlsSettings.From(Get, sourcePath);
        if (tls is null && listeners.FirstOrDefault(l => l.SecurityProtocol is "SSL" or "SASL_SSL") is { } secured)
        {
            // Kafka: "SSL key store is not specified" when the channel builder for the listener is created.
            throw new ConfigException("ssl.keystore.location", $"the SSL key store is not specified, and listener {secured.ListenerName} is {secured.SecurityProtocol} (in {sourcePath})");
        }

        return new BrokerConfig
        {
            SourcePath = sourcePath,
            BrokerId = brokerId,
            LogDirs = logDirs,
            Listeners = listeners,
            AdvertisedListeners = advertised,
            ZooKeeperConnect = zk,
            ZooKeeperSessionTimeout = TimeSpan.FromMilliseconds(session),
            ZooKeeperConnectionTimeout = TimeSpan.FromMilliseconds(Int("zookeeper.connection.timeout.ms", session)),
            Rack = Get("broker.rack"),
            Tls = tls,
            SaslPlainUsers = SaslPlain.UsersOf(listeners, Get, sourcePath),
            ControlFile = Get("sandbox.control.file"),
            CheckpointInterval = TimeSpan.FromMilliseconds(Int("sandbox.checkpoint.interval.ms", 1000)),
            IsrCatchUp = TimeSpan.FromMilliseconds(Int("sandbox.isr.catch.up.ms", 5000)),
        };
    }

    private static Dictionary<string, string> ParseProtocolMap(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ConfigException("listener.security.protocol.map", $"'{pair}' is not of the form LISTENER_NAME:SECURITY_PROTOCOL");
            }
            map[parts[0].ToUpperInvariant()] = parts[1].ToUpperInvariant();
        }
        return map;
    }
}
