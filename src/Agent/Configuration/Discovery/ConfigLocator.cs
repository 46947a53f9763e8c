namespace KafkaAgent.Configuration.Discovery;

/// <summary>A config file the agent found by itself, and how: for the journal and <c>kafka-agent config</c>.</summary>
internal sealed record LocatedConfig(string Path, string How);

/// <summary>
/// Finds Kafka's server.properties and the local ZooKeeper's config when agent.yaml does not name them, in the
/// order an operator would look: the running process's command line, then the usual installation places.
/// </summary>
/// <param name="ProcRoot">Where the process table is read (/proc).</param>
/// <param name="IncludePid">Which processes count; the host's own agent takes every one.</param>
/// <param name="KafkaPlaces">server.properties files tried in order when no running Kafka names one.</param>
/// <param name="ZooKeeperPlaces">ZooKeeper configs tried in order when no running ZooKeeper names one.</param>
internal sealed record ConfigLocator(string ProcRoot, Func<int, bool> IncludePid, IReadOnlyList<string> KafkaPlaces, IReadOnlyList<string> ZooKeeperPlaces)
{
    /// <summary>The value of zookeeper.properties that says: this host runs no ZooKeeper, do not look for one.</summary>
    public const string NoZooKeeper = "none";

    public static ConfigLocator Host { get; } = new(
        "/proc",
        static _ => true,
        ["/usr/local/kafka/config/server.properties", "/opt/kafka/config/server.properties", "/etc/kafka/server.properties"],
        ["/usr/local/kafka/config/zookeeper.properties", "/opt/kafka/config/zookeeper.properties", "/etc/kafka/zookeeper.properties"]);

    /// <summary>server.properties of the running broker, else the first usual place that exists.</summary>
    /// <exception cref="ConfigurationException">Nothing found (the message says where it looked), or several brokers disagree.</exception>
    public LocatedConfig LocateKafka(string configPath)
    {
        var running = Running(RunningServiceArgument.KafkaMainClass, "kafka.server_properties", configPath);
        if (running is not null)
        {
            return running;
        }

        foreach (var place in KafkaPlaces)
        {
            if (File.Exists(place))
            {
                return new LocatedConfig(place, "found in a usual place, no running kafka.Kafka process names one");
            }
        }

        throw new ConfigurationException(
            $"{configPath}: kafka.server_properties: not set, no running kafka.Kafka process names one, and none of {string.Join(", ", KafkaPlaces)} exists; set it in agent.yaml");
    }

    /// <summary>The running ZooKeeper's config, else the first usual place that exists; null: this host runs none.</summary>
    public LocatedConfig? LocateZooKeeper(string configPath)
    {
        var running = Running(RunningServiceArgument.ZooKeeperMainClass, "zookeeper.properties", configPath);
        if (running is not null)
        {
            return running;
        }

        var place = ZooKeeperPlaces.FirstOrDefault(File.Exists);
        return place is null ? null : new LocatedConfig(place, "found in a usual place, no running QuorumPeerMain process names one");
    }

    private LocatedConfig? Running(string mainClass, string key, string configPath)
    {
        var services = RunningServiceArgument.Find(mainClass, ProcRoot, IncludePid)
            .Where(s => File.Exists(s.ConfigPath))
            .ToList();
        var paths = services.Select(s => s.ConfigPath).Distinct(StringComparer.Ordinal).ToList();
        if (paths.Count > 1)
        {
            // One agent looks after one broker; guessing which one would heal the wrong service.
            throw new ConfigurationException(
                $"{configPath}: {key}: not set, and running {Short(mainClass)} processes use different files ({string.Join("; ", services.Select(s => $"pid {s.Pid}: {s.ConfigPath}"))}); set it in agent.yaml");
        }

        return paths.Count == 1
            ? new LocatedConfig(paths[0], $"from the command line of the running {Short(mainClass)}, pid {services[0].Pid}")
            : null;
    }

    private static string Short(string mainClass) => mainClass[(mainClass.LastIndexOf('.') + 1)..] switch
    {
        "Kafka" => "kafka.Kafka",
        var name => name,
    };
}
