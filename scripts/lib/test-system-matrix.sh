# The fault matrix of scripts/test-system, sourced by it once the package tests are done (it uses their inside,
# wait_for, pass, fail, apt_install, $work and $deb). In the one booted container it lays out a broker host the
# runbook's way: Debian's zookeeperd (its init script, run by systemd as zookeeper.service), a kafka.service that
# runs the broker stand-in as Kafka's own unit runs kafka-server-start.sh (User=kafka, ExecStop, LOG_DIR), and the
# log dir and LOG_DIR on one small tmpfs. Then it installs the .deb again (heal mode, systemd managers) and puts
# real faults to the agent: kill -9 of Kafka and of ZooKeeper, an operator's `systemctl stop kafka`, segments
# chowned to root, a disk full of application logs; last the runbook's own layout, ZooKeeper with no unit (the
# agent starts it as a transient unit, and it outlives `systemctl restart kafka-agent`).
# Every wait is bounded; the container's teardown takes the mounts and units with it.

kafka_home=/usr/local/kafka
standin_dir=$kafka_home/libs/stand-in

# put PATH MODE: writes stdin to PATH in the container.
put() { inside sh -c "mkdir -p \"\$(dirname '$1')\" && cat > '$1' && chmod $2 '$1'"; }

lay_out_kafka_host() {
    # Kafka's bin/kafka-server-start.sh in the foreground, as a unit runs it: the broker with server.properties,
    # its log4j output in $LOG_DIR/server.log. The stand-in is a self-contained .NET build (no ICU in minbase).
    put $kafka_home/bin/kafka-server-start.sh 0755 <<EOF || return 1
#!/bin/sh
if [ \$# -lt 1 ]; then echo "USAGE: \$0 [-daemon] server.properties [--override property=value]*" >&2; exit 1; fi
LOG_DIR=\${LOG_DIR:-$kafka_home/logs}
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_gcServer=0 DOTNET_GCHeapHardLimit=0x8000000
exec $standin_dir/kafka-sandbox broker "\$@" >>"\$LOG_DIR/server.log" 2>&1
EOF
    # Kafka's bin/kafka-server-stop.sh: SIGTERM to every broker process (Kafka's looks for kafka.Kafka in ps).
    put $kafka_home/bin/kafka-server-stop.sh 0755 <<'EOF' || return 1
#!/bin/sh
pids=""
for d in /proc/[0-9]*; do
    case "$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)" in *"kafka-sandbox broker "*) pids="$pids ${d#/proc/}" ;; esac
done
if [ -z "$pids" ]; then echo "No kafka server to stop"; exit 1; fi
kill -s TERM $pids
EOF
    # Kafka's bin/zookeeper-server-start.sh [-daemon] CONFIG, running Debian's ZooKeeper server as the runbook's
    # hosts do (no unit); the pid goes to /run/kafka/zookeeper.pid, which the agent is configured to read.
    put $kafka_home/bin/zookeeper-server-start.sh 0755 <<EOF || return 1
#!/bin/sh
DAEMON=no
if [ "\$1" = -daemon ]; then DAEMON=yes; shift; fi
if [ \$# -lt 1 ]; then echo "USAGE: \$0 [-daemon] zookeeper.properties" >&2; exit 1; fi
LOG_DIR=\${LOG_DIR:-$kafka_home/logs}
PIDFILE=/run/kafka/zookeeper.pid
set -- /usr/bin/java -Xms16m -Xmx128m -XX:+UseSerialGC -XX:-UsePerfData -Djava.net.preferIPv4Stack=true \\
    -Dzookeeper.log.dir="\$LOG_DIR" -Dzookeeper.root.logger=INFO,ROLLINGFILE \\
    -cp /etc/zookeeper/conf:/usr/share/java/zookeeper.jar org.apache.zookeeper.server.quorum.QuorumPeerMain "\$1"
if [ \$DAEMON = yes ]; then
    nohup "\$@" >>"\$LOG_DIR/zookeeper.out" 2>&1 </dev/null &
    echo \$! >"\$PIDFILE"
else
    echo \$\$ >"\$PIDFILE"
    exec "\$@"
fi
EOF
    # Kafka's own unit, as a broker host has it: no Restart= (the agent heals), a graceful stop with a long timeout.
    put /etc/systemd/system/kafka.service 0644 <<EOF || return 1
[Unit]
Description=Apache Kafka broker
After=network.target zookeeper.service

[Service]
Type=simple
User=kafka
Group=kafka
Environment=LOG_DIR=$kafka_home/logs
ExecStart=$kafka_home/bin/kafka-server-start.sh $kafka_home/config/server.properties
ExecStop=$kafka_home/bin/kafka-server-stop.sh
SuccessExitStatus=143
TimeoutStopSec=120
LimitNOFILE=100000
EOF
    # Debian's ZooKeeper on this host: standalone, loopback only, every four-letter word the agent asks.
    put /etc/zookeeper/conf/zoo.cfg 0644 <<'EOF' || return 1
tickTime=2000
initLimit=10
syncLimit=5
dataDir=/var/lib/zookeeper
clientPort=2181
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=*
EOF
    # The package's myid is a placeholder an operator replaces (ZooKeeper refuses to start with it in dataDir).
    inside sh -c 'echo 1 > /etc/zookeeper/conf/myid \
        && printf "JAVA_OPTS=\"-Xms16m -Xmx128m -XX:+UseSerialGC -XX:-UsePerfData\"\n" >> /etc/default/zookeeper' || return 1
    # One small disk for the log dir and LOG_DIR, as on a host whose data and application logs share a filesystem.
    inside sh -c "mkdir -p /var/kafka-disk $kafka_home/logs /run/kafka \
        && mount -t tmpfs -o size=32m,mode=0755 kafka-disk /var/kafka-disk \
        && mkdir /var/kafka-disk/data /var/kafka-disk/logs \
        && chown kafka:kafka /var/kafka-disk/data /var/kafka-disk/logs /run/kafka \
        && mount --bind /var/kafka-disk/data /var/kafka && mount --bind /var/kafka-disk/logs $kafka_home/logs" || return 1
    inside systemctl daemon-reload
}

# The agent's configuration for the matrix: heal mode, both services through systemd, a short cycle.
agent_yaml() {
    put /etc/kafka-agent/agent.yaml 0644 <<EOF
mode: heal
interval_seconds: 2
zookeeper:
  properties: ${1:-/etc/zookeeper/conf/zoo.cfg}
  service:
    name: zookeeper
    manager: ${2:-systemd}
    pid_file: ${3:-}
kafka:
  service:
    name: kafka
    manager: systemd
ownership:
  full_scan_min_interval_seconds: 5
EOF
}

zk_serving() { inside bash -c 'exec 3<>/dev/tcp/127.0.0.1/2181 && printf ruok >&3 && [ "$(cat <&3)" = imok ]'; }
healthy() { inside kafka-agent check >/dev/null 2>&1; }
unit_prop() { inside systemctl show -P "$2" "$1"; }
# The journal's cursor for the agent now; journal_since CURSOR FILE writes the agent's lines after it to FILE.
journal_mark() { inside journalctl -u kafka-agent -n 1 -o export --no-pager | sed -n 's/^__CURSOR=//p'; }
journal_since() { inside journalctl -u kafka-agent --after-cursor="$1" --no-pager -o cat >"$2" 2>&1; }
action_succeeded() { journal_since "$1" "$work/journal.txt" && grep -q "heal $2 on [^:]*: success " "$work/journal.txt"; }

# decisions FILE ACTION FINDING: the finding is logged, every attempt of ACTION has one starting and one outcome
# line, and the last outcome is a success. Prints what it counted.
decisions() {
    local file=$1 action=$2 finding=$3 starts outcomes last
    starts="$(grep -c "heal $action on .* for .*: starting" "$file")"
    outcomes="$(grep -cE "heal $action on [^:]*: (success|failure) " "$file")"
    last="$(grep -E "heal $action on [^:]*: (success|failure) " "$file" | tail -n 1)"
    echo "finding $finding logged $(grep -c "finding $finding" "$file")x, $starts start(s), $outcomes outcome(s)"
    grep -q "finding $finding" "$file" && [ "$starts" -ge 1 ] && [ "$starts" -eq "$outcomes" ] && [[ "$last" == *": success "* ]]
}

# heal_case NAME ACTION FINDING SECONDS CURSOR CHECK...: waits (bounded) for the agent's success line and for the
# host to be healthy, then checks the journal's decisions and CHECK.
heal_case() {
    local name=$1 action=$2 finding=$3 seconds=$4 cursor=$5 summary; shift 5
    if wait_for "$seconds" action_succeeded "$cursor" "$action" && wait_for 30 healthy && "$@"; then
        journal_since "$cursor" "$work/case.txt"
        if summary="$(decisions "$work/case.txt" "$action" "$finding")"; then
            pass "matrix: $name: healed by $action from the hardened unit; journal: $summary"
            return 0
        fi
        cat "$work/case.txt" >&2
        fail "matrix: $name" "journal: $summary"
        return 1
    fi
    journal_since "$cursor" "$work/case.txt"; tail -n 30 "$work/case.txt" >&2
    inside kafka-agent check >&2
    fail "matrix: $name" "not healed by $action within $seconds s"
    return 1
}

run_fault_matrix() {
    log "fault matrix: a broker host with zookeeperd and kafka.service, the agent installed again"
    if ! lay_out_kafka_host; then fail "matrix: broker host" "could not lay out Kafka's side"; return; fi
    # ZooKeeper first: a broker that cannot reach it within its connection timeout exits, as Kafka does.
    registered() { inside sh -c 'grep -q "Registered broker 1" /usr/local/kafka/logs/server.log'; }
    inside systemctl start zookeeper >"$work/matrix-start.log" 2>&1
    if ! wait_for 60 zk_serving || ! inside systemctl start kafka >>"$work/matrix-start.log" 2>&1 || ! wait_for 60 registered; then
        cat "$work/matrix-start.log" >&2; inside tail -n 30 /usr/local/kafka/logs/server.log >&2
        inside systemctl status --no-pager zookeeper kafka >&2
        fail "matrix: broker host" "ZooKeeper or the broker did not come up"; return
    fi
    # A topic, as kafka-topics.sh --zookeeper writes it (Kafka 2.x): its config, then its assignment.
    inside sh -c '/usr/share/zookeeper/bin/zkCli.sh -server 127.0.0.1:2181 create /kafka/config/topics/matrix "{\"version\":1,\"config\":{}}" \
        && /usr/share/zookeeper/bin/zkCli.sh -server 127.0.0.1:2181 create /kafka/brokers/topics/matrix \
            "{\"version\":2,\"partitions\":{\"0\":[1],\"1\":[1]},\"adding_replicas\":{},\"removing_replicas\":{}}"' >"$work/topic.log" 2>&1
    segments() { inside sh -c 'ls /var/kafka/matrix-0/*.log /var/kafka/matrix-1/*.log'; }
    if ! wait_for 30 segments; then
        cat "$work/topic.log" >&2
        fail "matrix: broker host" "the broker created no segments for topic matrix"; return
    fi

    apt_install "/var/cache/$(basename "$deb")" >"$work/matrix-install.log" 2>&1 && agent_yaml \
        && inside systemctl restart kafka-agent
    if wait_for 60 healthy; then
        pass "matrix: zookeeperd and kafka.service (stand-in, User=kafka) up; kafka-agent installed, heal mode, systemd managers: check OK"
    else
        cat "$work/matrix-install.log" >&2; inside kafka-agent check >&2
        fail "matrix: setup" "the host is not healthy with the agent installed"; return
    fi

    local cursor pid
    # kill -9 of Kafka: kafka.service fails (no Restart=); the agent starts it once the old session is gone.
    cursor="$(journal_mark)"; pid="$(unit_prop kafka MainPID)"
    inside sh -c "kill -KILL $pid"
    kafka_restarted() { [ "$(unit_prop kafka ActiveState)" = active ] && [ "$(unit_prop kafka MainPID)" != "$pid" ]; }
    heal_case "kill -9 of Kafka (pid $pid)" start_kafka kafka.down 60 "$cursor" kafka_restarted

    # kill -9 of ZooKeeper: the Java process of zookeeper.service.
    cursor="$(journal_mark)"
    pid="$(inside cat /run/zookeeper/zookeeper.pid)"   # zookeeperd's init script writes it
    inside sh -c "kill -KILL $pid"
    heal_case "kill -9 of ZooKeeper (pid $pid)" start_zookeeper zk.down 60 "$cursor" zk_serving

    # An operator's stop: left alone over a bounded wait (several cycles), then started again by the operator.
    cursor="$(journal_mark)"
    inside systemctl stop kafka
    sleep 12
    journal_since "$cursor" "$work/stop.txt"
    if [ "$(unit_prop kafka ActiveState)" = inactive ] && ! grep -q "heal start_kafka" "$work/stop.txt" \
        && grep -q "finding kafka.stopped_by_operator" "$work/stop.txt"; then
        pass "matrix: systemctl stop kafka: left stopped for 12 s (6 cycles), no start attempted, kafka.stopped_by_operator logged"
    else
        cat "$work/stop.txt" >&2
        fail "matrix: systemctl stop kafka" "state $(unit_prop kafka ActiveState), or the agent acted on it"
    fi
    inside systemctl start kafka
    wait_for 60 healthy

    # Segments chowned to root: fix_ownership gives them back to kafka:kafka.
    cursor="$(journal_mark)"
    inside chown -R root:root /var/kafka/matrix-0
    owned_by_kafka() { [ -z "$(inside find /var/kafka ! -user kafka)" ]; }
    heal_case "chown -R root of /var/kafka/matrix-0" fix_ownership ownership.wrong 60 "$cursor" owned_by_kafka

    # A disk full of rotated application logs: clean_app_logs deletes them, never the live ones.
    local used
    cursor="$(journal_mark)"
    # Prints the usage right after the fill: the agent's disk watcher may clean before another command could look.
    used="$(inside sh -c 'cd /usr/local/kafka/logs || exit 1
        avail=$(df -k --output=avail . | tail -n 1); each=$(( avail * 97 / 100 / 12 ))
        for h in 01 02 03 04 05 06 07 08 09 10 11 12; do
            f=server.log.2026-11-20-$h
            yes "[2026-11-20 $h:00:00,000] INFO [ReplicaFetcherManager on broker 1] Removed fetcher for partitions (kafka.server.ReplicaFetcherManager)" \
                | head -c "${each}k" > $f
            touch -d "2026-11-20 $h:59:59" $f
        done; chown kafka:kafka server.log.*; df --output=pcent . | tail -n 1 | tr -dc 0-9' 2>/dev/null)"
    # Below disk.high again, the live server.log kept (a part written after a clean that ran mid-fill may stay).
    not_full() {
        [ "$(inside df --output=pcent /var/kafka | tail -n 1 | tr -dc 0-9)" -lt 85 ] && inside test -f /usr/local/kafka/logs/server.log
    }
    heal_case "disk filled to ${used}% with rotated server.log parts" clean_app_logs disk.critical 60 "$cursor" not_full

    run_runbook_layout
}

# The runbook's layout: no unit for ZooKeeper; it was started by zookeeper-server-start.sh -daemon and crashed.
run_runbook_layout() {
    local cursor pid zk_pid unit
    # The host changes layout with the agent stopped, so it neither acts on the change nor spends budget on it.
    inside systemctl stop kafka-agent zookeeper
    inside rm -f /etc/init.d/zookeeper
    inside systemctl daemon-reload
    inside sh -c 'mkdir -p /etc/kafka/config && cp /etc/zookeeper/conf/zoo.cfg /etc/kafka/config/zookeeper.properties \
        && chown -R kafka:kafka /var/lib/zookeeper'
    agent_yaml /etc/kafka/config/zookeeper.properties auto /run/kafka/zookeeper.pid
    # The operator's ZooKeeper, as the runbook starts it (here already crashed: kill -9 right after it serves).
    inside setpriv --reuid=kafka --regid=kafka --init-groups -- $kafka_home/bin/zookeeper-server-start.sh -daemon /etc/kafka/config/zookeeper.properties
    wait_for 60 zk_serving
    inside systemctl start kafka-agent
    if ! wait_for 60 healthy; then
        inside kafka-agent check >&2
        fail "matrix: runbook layout" "not healthy with ZooKeeper started by zookeeper-server-start.sh -daemon"; return
    fi
    cursor="$(journal_mark)"; pid="$(inside cat /run/kafka/zookeeper.pid)"
    inside sh -c "kill -KILL $pid"
    unit=kafka-agent-zookeeper.service
    in_transient_unit() {
        zk_pid="$(inside cat /run/kafka/zookeeper.pid)"
        [ "$zk_pid" != "$pid" ] && [ "$(unit_prop $unit ActiveState)" = active ] && [ "$(unit_prop $unit MainPID)" = "$zk_pid" ] \
            && [ "$(inside stat -c %U "/proc/$zk_pid")" = kafka ] && zk_serving
    }
    if ! heal_case "runbook layout, no unit for ZooKeeper: kill -9 of its -daemon process (pid $pid); started again as transient $unit, user kafka" \
        start_zookeeper zk.down 60 "$cursor" in_transient_unit; then
        inside systemctl status --no-pager $unit >&2
        return
    fi

    # The transient unit is not the agent's child: a restart of the agent leaves it running.
    local agent_pid; agent_pid="$(unit_prop kafka-agent MainPID)"
    inside systemctl restart kafka-agent
    agent_back() { [ "$(unit_prop kafka-agent ActiveState)" = active ] && [ "$(unit_prop kafka-agent MainPID)" != "$agent_pid" ]; }
    if wait_for 30 agent_back && sleep 4 && inside sh -c "kill -0 $zk_pid" && [ "$(inside cat /run/kafka/zookeeper.pid)" = "$zk_pid" ] \
        && zk_serving && wait_for 30 healthy; then
        pass "matrix: systemctl restart kafka-agent: ZooKeeper pid $zk_pid still serving in $unit"
    else
        inside systemctl status --no-pager $unit >&2
        fail "matrix: restart kafka-agent" "ZooKeeper pid $zk_pid did not survive the agent's restart"
    fi
}
