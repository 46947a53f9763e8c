using System.Globalization;

namespace KafkaAgent.Configuration.Discovery;

/// <summary>What the agent needs from Kafka's server.properties, with Kafka's own defaults applied.</summary>
internal sealed record KafkaServerConfig(
    int? BrokerId,
    IReadOnlyList<string> LogDirs,
    IReadOnlyList<KafkaListener> Listeners,
    IReadOnlyList<KafkaListener> AdvertisedListeners,
    IReadOnlyDictionary<string, string> SecurityProtocols,
    ZooKeeperConnect? ZooKeeperConnect,
    TimeSpan ZooKeeperSessionTimeout)
{
    private const string KeyPrefix = "kafka.server_properties";

    public static KafkaServerConfig Read(string path)
    {
        var properties = JavaProperties.Load(path, KeyPrefix);
        string? Get(string name) => properties.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        ConfigurationException Bad(string name, string why) => new($"{KeyPrefix}: {path}: {name}: {why}");

        int? brokerId = null;
        if (Get("broker.id") is { } idText)
        {
            if (!int.TryParse(idText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) || id < -1)
            {
                throw Bad("broker.id", $"'{idText}' is not a broker id");
            }

            brokerId = id >= 0 ? id : null;
        }

        // log.dirs wins over log.dir; Kafka's default is /tmp/kafka-logs.
        var logDirs = (Get("log.dirs") ?? Get("log.dir") ?? "/tmp/kafka-logs")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var listeners = KafkaListener.ParseList(Get("listeners") ?? "PLAINTEXT://:9092", out var bad);
        if (bad is not null)
        {
            throw Bad("listeners", $"'{bad}' is not NAME://host:port");
        }

        var advertised = KafkaListener.ParseList(Get("advertised.listeners") ?? "", out bad);
        if (bad is not null)
        {
            throw Bad("advertised.listeners", $"'{bad}' is not NAME://host:port");
        }

        ZooKeeperConnect? connect = null;
        if (Get("zookeeper.connect") is { } connectText && !ZooKeeperConnect.TryParse(connectText, out connect))
        {
            throw Bad("zookeeper.connect", $"'{connectText}' is not host:port[,host:port][/chroot]");
        }

        var sessionMs = 18000;
        if (Get("zookeeper.session.timeout.ms") is { } msText
            && (!int.TryParse(msText, NumberStyles.None, CultureInfo.InvariantCulture, out sessionMs) || sessionMs == 0))
        {
            throw Bad("zookeeper.session.timeout.ms", $"'{msText}' is not a positive number of milliseconds");
        }

        return new KafkaServerConfig(brokerId, logDirs, listeners, advertised,
            ParseProtocolMap(Get("listener.security.protocol.map")), connect, TimeSpan.FromMilliseconds(sessionMs))
        {
            SourcePath = path,
            Properties = properties,
        };
    }

    /// <summary>The file this was read from (named in errors about its values).</summary>
    public string SourcePath { get; init; } = "server.properties";

    /// <summary>Every key of the file, for the few read on demand (security settings).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The listener brokers talk to each other on: inter.broker.listener.name, else the listener named after
    /// security.inter.broker.protocol (Kafka's default PLAINTEXT), as Kafka resolves it.
    /// </summary>
    public string InterBrokerListenerName =>
        (Value("inter.broker.listener.name") ?? Value("security.inter.broker.protocol") ?? "PLAINTEXT").ToUpperInvariant();

    /// <summary>SASL mechanisms a listener accepts: its listener.name.&lt;name&gt;. override, else sasl.enabled.mechanisms (Kafka's default GSSAPI).</summary>
    public IReadOnlyList<string> SaslMechanismsOf(KafkaListener listener) =>
        (Value($"listener.name.{listener.Name.ToLowerInvariant()}.sasl.enabled.mechanisms") ?? Value("sasl.enabled.mechanisms") ?? "GSSAPI")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => m.ToUpperInvariant())
            .ToList();

    /// <summary>The listener's ssl.client.auth (none, requested, required), its listener.name. form first; Kafka's default none.</summary>
    public string ClientAuthOf(KafkaListener listener) =>
        (Value($"listener.name.{listener.Name.ToLowerInvariant()}.ssl.client.auth") ?? Value("ssl.client.auth") ?? "none").Trim().ToLowerInvariant();

    private string? Value(string name) => Properties.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>The broker id Kafka generated and stored in meta.properties when broker.id is not set.</summary>
    public static int? ReadGeneratedBrokerId(IEnumerable<string> logDirs)
    {
        foreach (var dir in logDirs)
        {
            var meta = Path.Combine(dir, "meta.properties");
            if (!File.Exists(meta))
            {
                continue;
            }

            var properties = JavaProperties.Load(meta, KeyPrefix);
            if (properties.TryGetValue("broker.id", out var text)
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Security protocol of a listener name: the map when given, else the name itself (PLAINTEXT, SSL...).</summary>
    public string ProtocolOf(KafkaListener listener) =>
        SecurityProtocols.TryGetValue(listener.Name, out var protocol) ? protocol : listener.Name;

    private static Dictionary<string, string> ParseProtocolMap(string? text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                map[pair[..colon]] = pair[(colon + 1)..].ToUpperInvariant();
            }
        }

        return map;
    }
}
