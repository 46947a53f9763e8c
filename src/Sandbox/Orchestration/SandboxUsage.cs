namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>What `scripts/sandbox --help` prints.</summary>
internal static class SandboxUsage
{
    public const string Text = """
        usage: scripts/sandbox COMMAND [OPTIONS]

        A throw-away Kafka 2.8 cluster on this machine to try kafka-agent against. Each broker host is a
        directory shaped like a real one: bin/ (kafka-server-start.sh, ...), etc/ (server.properties, zoo.cfg),
        logs/ (Kafka's LOG_DIR: server.log and its hourly parts, GC logs), var/kafka (the log dir; it shares
        one small disk with logs/), var/zookeeper (dataDir: snapshots, transaction logs), run/ (pidfiles). ZooKeeper is Debian's real server; the broker is a stand-in that keeps Kafka's
        external contract (znodes, listener, log dirs, server.log); the faults are real. Needs root.

        commands:
          up [--brokers 1|3] [--chroot /kafka] [--logdir-size 64m] [--user kafka] [--isr-catch-up-seconds 5] [--dir DIR]
                  lay out and start a sandbox in DIR (default ./.sandbox; a new or empty directory)
          status [--json] [--dir DIR]
                  processes, listeners, ZooKeeper modes, registrations and disk use of every host
          fault NAME [--host N] [--files N|--all] [--owner USER] [--percent P] [--with segments|app-logs] [--seconds S] [--dir DIR]
                  inject a real fault into host N (default 1); `fault` alone lists the faults
          watch --out FILE [--interval-ms 100] [--seconds S] [--summary-json FILE] [--dir DIR]
                  record, with its own ZooKeeper session, every interval: registered brokers, each partition's
                  leader and ISR, the agents' disruptive lock queue (holder's host and action), one JSON line
                  each; on SIGINT/SIGTERM or after S seconds print who held the lock when, the most holders at
                  once and the smallest ISR seen per partition
          down [--dir DIR]
                  stop every process, unmount and delete DIR (only a directory that `up` made)
          --help  this text

        Without --dir, status, fault and down use the directory of the last `up` (remembered in the
        file named by $KAFKA_SANDBOX_LAST; scripts/sandbox keeps it in .cache/ of the checkout).

        To point kafka-agent at host N: each host-N/ holds an agent.yaml for it (kafka.home is host-N,
        so its logs/ is kafka.app_log_dir), e.g.  kafka-agent check --config DIR/host-N/agent.yaml
        """;
}
