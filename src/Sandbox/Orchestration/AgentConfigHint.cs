using System.Globalization;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// host-N/agent.yaml: how kafka-agent is pointed at one sandbox host. kafka.home is the host dir, laid out
/// like a Kafka installation, so Kafka's LOG_DIR (kafka.app_log_dir) is found at its default, &lt;home&gt;/logs.
/// </summary>
internal static class AgentConfigHint
{
    public static void Write(HostLayout h, int metricsPort) => File.WriteAllText(h.AgentYaml, $"""
        # kafka-agent on this sandbox host:  kafka-agent check --config {h.AgentYaml}
        # The host dir is laid out like a Kafka installation (bin/, config/ -> etc/, logs/), so it is kafka.home.
        state_dir: {Path.Combine(h.Dir, "var", "lib", "kafka-agent")}
        kafka:
          home: {h.Dir}
          # app_log_dir defaults to <home>/logs: Kafka's LOG_DIR (server.log and its hourly parts, GC logs).
          server_properties: {h.ServerProperties}
          service:
            manager: pidfile
            pid_file: {h.BrokerPidFile}
            # the stand-in's command line (a real broker's holds kafka.Kafka)
            command_match: kafka-sandbox.dll broker
            # the host's scripts run as root, as the runbook's sudo does; the stand-in drops to the kafka user itself
            run_as: root
        zookeeper:
          # dataDir (snapshots and transaction logs) is {h.ZooKeeperDataDir}
          properties: {h.ZooCfg}
          service:
            # started by bin/zookeeper-server-start.sh -daemon, as on the runbook's hosts
            manager: pidfile
            pid_file: {h.ZooKeeperPidFile}
            run_as: root
        metrics:
          # one port per host: several agents share this machine
          port: {metricsPort.ToString(CultureInfo.InvariantCulture)}

        """);
}
