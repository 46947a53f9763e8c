using System.Globalization;

namespace KafkaAgent.Tests.Support;

/// <summary>
/// A broker host laid out in a temp directory: Kafka's server.properties, ZooKeeper's config, a log dir and
/// agent.yaml pointing at them. Deleted on dispose.
/// </summary>
internal sealed class HostFiles : IDisposable
{
    public HostFiles()
    {
        Root = Directory.CreateTempSubdirectory("kafka-agent-host-").FullName;
        LogDir = Directory.CreateDirectory(Path.Combine(Root, "kafka-logs")).FullName;
        ServerProperties = Path.Combine(Root, "server.properties");
        ZooKeeperProperties = Path.Combine(Root, "zookeeper.properties");
        AgentYaml = Path.Combine(Root, "agent.yaml");
    }

    public string Root { get; }

    public string LogDir { get; }

    public string ServerProperties { get; }

    public string ZooKeeperProperties { get; }

    public string AgentYaml { get; }

    public HostFiles WithServer(int brokerId = 1, string zookeeperConnect = "127.0.0.1:1/kafka", int listenerPort = 1, string? extra = null)
    {
        File.WriteAllText(ServerProperties, string.Create(CultureInfo.InvariantCulture, $"""
            broker.id={brokerId}
            log.dirs={LogDir}
            listeners=PLAINTEXT://127.0.0.1:{listenerPort}
            zookeeper.connect={zookeeperConnect}
            zookeeper.session.timeout.ms=6000
            {extra}
            """));
        return this;
    }

    public HostFiles WithZooKeeper(int clientPort = 1, params string[] servers)
    {
        var lines = servers.Select((s, i) => $"server.{i + 1}={s}:2888:3888");
        File.WriteAllText(ZooKeeperProperties, string.Create(CultureInfo.InvariantCulture,
            $"tickTime=2000\ninitLimit=5\ndataDir={Root}/zk\nclientPort={clientPort}\n{string.Join('\n', lines)}\n"));
        return this;
    }

    /// <summary>Where agent.yaml puts state.json: inside this host, never the machine's /var/lib/kafka-agent.</summary>
    public string StateDir => Path.Combine(Root, "state");

    /// <summary>agent.yaml with the paths above, root as the Kafka user, no metrics endpoint, state in <see cref="StateDir"/>, plus <paramref name="extra"/> YAML.</summary>
    public HostFiles WithAgentYaml(string extra = "", bool zookeeperProperties = true)
    {
        // "none": this host runs no ZooKeeper, so discovery never picks up another test's ZooKeeper on this machine.
        var zk = $"zookeeper:\n  properties: {(zookeeperProperties ? ZooKeeperProperties : "none")}\n  timeout_seconds: 2\n";
        File.WriteAllText(AgentYaml, $"""
            kafka:
              server_properties: {ServerProperties}
              user: root
              group: root
              api_timeout_seconds: 2
              service:
                manager: pidfile
                pid_file: {Root}/kafka.pid
            {zk}metrics:
              enabled: false
            state_dir: {StateDir}
            {extra}
            """);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a test that failed mid-way may have left a busy mount or file.
        }
    }
}
