using System.Globalization;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// Where everything of one sandbox lives. Each broker host is a directory shaped like a Kafka installation
/// (its kafka.home): bin/ (the start/stop/status scripts a service manager calls), etc/ (server.properties,
/// zoo.cfg; config/ links to it), logs/ (Kafka's LOG_DIR), run/ (pidfiles), var/kafka (the log dir),
/// var/zookeeper (ZooKeeper's dataDir). var/kafka and logs/ share one small disk, as on a host whose
/// data and LOG_DIR live on one filesystem: disk/ is that tmpfs, var/kafka and logs/ are bind mounts of it.
/// </summary>
internal sealed record SandboxLayout(string Root)
{
    public const string DefaultRoot = ".sandbox";

    public string StateFile => Path.Combine(Root, "sandbox.json");
    public string FaultLog => Path.Combine(Root, "faults.log");
    public string Opt => Path.Combine(Root, "opt", "kafka-sandbox");
    public string Outside => Path.Combine(Root, "outside");

    public HostLayout Host(int id) => new(Path.Combine(Root, "host-" + id.ToString(CultureInfo.InvariantCulture)));
}

internal sealed record HostLayout(string Dir)
{
    public string Etc => Path.Combine(Dir, "etc");
    public string Bin => Path.Combine(Dir, "bin");
    public string Logs => Path.Combine(Dir, "logs");
    public string Run => Path.Combine(Dir, "run");
    public string LogDir => Path.Combine(Dir, "var", "kafka");
    public string ZooKeeperDir => Path.Combine(Dir, "var", "zookeeper");
    /// <summary>ZooKeeper's dataDir: myid, and version-2/ with its snapshot.* and log.* files.</summary>
    public string ZooKeeperDataDir => Path.Combine(ZooKeeperDir, "data");
    public string ZooKeeperVersionDir => Path.Combine(ZooKeeperDataDir, "version-2");
    /// <summary>The host's small disk (a tmpfs); var/kafka and logs/ are bind mounts of its kafka/ and logs/.</summary>
    public string Disk => Path.Combine(Dir, "disk");
    /// <summary>config/ -> etc/, so that &lt;kafka.home&gt;/config/server.properties exists as in a Kafka installation.</summary>
    public string Config => Path.Combine(Dir, "config");
    /// <summary>A kafka-agent configuration for this host (kafka.home is the host dir).</summary>
    public string AgentYaml => Path.Combine(Dir, "agent.yaml");
    public string ServerProperties => Path.Combine(Etc, "server.properties");
    public string ZooCfg => Path.Combine(Etc, "zoo.cfg");
    public string ZooStandaloneCfg => Path.Combine(Etc, "zoo-standalone.cfg");
    public string BrokerPidFile => Path.Combine(Run, "kafka.pid");
    public string ZooKeeperPidFile => Path.Combine(Run, "zookeeper.pid");
    public string ControlFile => Path.Combine(Run, "kafka.control");
    public string ServerLog => Path.Combine(Logs, "server.log");
    public string ZooKeeperOut => Path.Combine(Logs, "zookeeper.out");
    public string Script(string name) => Path.Combine(Bin, name);
}
