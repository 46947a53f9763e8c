using System.Globalization;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// Where everything of one sandbox lives. Each broker host is a directory shaped like a real one:
/// etc/ (server.properties, zoo.cfg), var/kafka (the log dir), var/zookeeper, logs/, run/ (pidfiles),
/// bin/ (the start/stop/status scripts a service manager calls).
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
