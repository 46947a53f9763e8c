#!/usr/bin/env bash
# scripts/bench heal [--rounds N] [--faults LIST] [--tools LIST] [--bound SECONDS] [--poll SECONDS]
# Heal time side by side in one run on one 1-host sandbox, same fault, same poll interval (5 s, monit's default
# cycle): monit 5.33 (Debian's, configured the way an operator would for the runbook) and `kafka-agent run` in heal
# mode, with heal.stale_registration delete (the default, "agent") and wait ("agent-wait", broker-kill only).
# Rounds interleave the tools (round 1 monit, agent, agent-wait; round 2 ...), so a noisy machine weighs on both
# alike. Each round starts the tool afresh (fresh state), lets it run two polls on the healthy host, injects the
# fault with `scripts/sandbox fault`, then measures until the broker is registered again and answers Metadata (and
# the fault's own finding is gone), as `kafka-agent check --json` sees it, and stops the tool. A round not healed
# within --bound seconds counts as unhealed (and is repaired by hand before the next round). The table is printed
# and written to artifacts/bench/heal-table.txt, beside the tools' logs (heal-*.log, the agent's with timestamps).
#   --faults   default broker-kill,zk-kill,broker-zombie,chown,app-log-fill
#   --tools    default monit,agent,agent-wait
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/bench-agent.sh"

rounds=5 bound=90 poll=5
faults="broker-kill,zk-kill,broker-zombie,chown,app-log-fill"
tools="monit,agent,agent-wait"
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --faults) faults="$2"; shift 2 ;;
        --tools) tools="$2"; shift 2 ;;
        --bound) bound="$2"; shift 2 ;;
        --poll) poll="$2"; shift 2 ;;
        *) die "unknown option $1 (scripts/bench heal [--rounds N] [--faults LIST] [--tools monit,agent,agent-wait] [--bound S] [--poll S])" ;;
    esac
done
[ "$(id -u)" -eq 0 ] || exec sudo -E bash "$0" "$@"

ensure_zookeeper
ensure_debs python3-kazoo
publish_agent

# monit's own binary from Debian's package, unpacked (installing the package would start the system's monit service).
MONIT="$REPO_ROOT/artifacts/tools/monit/usr/bin/monit"
ensure_monit() {
    [ -x "$MONIT" ] && return 0
    local tmp
    tmp="$(mktemp -d)"
    chmod 0755 "$tmp"
    log "fetching monit from Debian's package"
    apt_update_once
    (cd "$tmp" && apt-get download -q monit >&2) || { rm -rf "$tmp"; die "apt-get download monit failed"; }
    mkdir -p "$REPO_ROOT/artifacts/tools/monit"
    dpkg-deb -x "$tmp"/monit_*.deb "$REPO_ROOT/artifacts/tools/monit" || { rm -rf "$tmp"; die "unpacking monit failed"; }
    rm -rf "$tmp"
    "$MONIT" -V >/dev/null 2>&1 || die "monit does not run: $("$MONIT" -V 2>&1 | head -1)"
}
case ",$tools," in *,monit,*) ensure_monit ;; esac

SANDBOX="$REPO_ROOT/scripts/sandbox"
mkdir -p "$REPO_ROOT/artifacts/bench"
work="$(mktemp -d "$REPO_ROOT/artifacts/bench/heal.XXXXXX")"
chmod 0755 "$work"
dir="$work/sandbox"
tool_pid=""
stop_tool() {
    if [ -n "$tool_pid" ]; then
        kill -TERM "$tool_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$tool_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$tool_pid" 2>/dev/null || true
        wait "$tool_pid" 2>/dev/null || true
        tool_pid=""
    fi
}
cleanup() {
    stop_tool
    "$SANDBOX" down --dir "$dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

host="$dir/host-1"
observe_yaml="$work/observe.yaml"

# healthy FAULT: 0 when the broker is registered and answers Metadata and the fault's own finding is gone.
healthy() {
    local json
    json="$("$BENCH_AGENT" check --json --config "$observe_yaml" 2>/dev/null)" || true
    [ -n "$json" ] || return 1
    local extra='"zk.down","zk.hung","zk.not_serving"'
    case "$1" in
        chown) extra='"ownership.wrong"' ;;
        app-log-fill|disk-fill) extra='"disk.critical"' ;;
    esac
    jq -e --argjson bad "[\"broker.unregistered\",\"kafka.down\",\"kafka.api_unresponsive\",$extra]" '
        ([.checks[] | select(.check == "membership" or .check == "kafka_api") | .status] | all(. == "OK"))
        and ([.checks[].findings[].id] | map(select(. as $id | $bad | index($id))) | length == 0)' <<<"$json" >/dev/null
}

wait_healthy() { # FAULT SECONDS: prints seconds from the call to the first healthy look confirmed a second later, or returns 1
    local start now first=""
    start="$(date +%s.%N)"
    while true; do
        if healthy "$1"; then
            if [ -z "$first" ]; then
                first="$(date +%s.%N)"
                sleep 1
                continue
            fi
            awk -v a="$start" -v b="$first" 'BEGIN { printf "%.2f\n", b - a }'
            return 0
        fi
        first=""
        now="$(date +%s.%N)"
        awk -v a="$start" -v b="$now" -v s="$2" 'BEGIN { exit !(b - a > s) }' && return 1
        sleep 0.2
    done
}

# What `scripts/sandbox fault` offers today for each bench fault; "" when it has none.
sandbox_fault() {
    case "$1" in
        broker-kill|zk-kill|broker-zombie) echo "$1" ;;
        chown) echo "chown --files 3" ;;
        app-log-fill) echo "disk-fill --with app-logs" ;;
        *) echo "" ;;
    esac
}

# repair FAULT: puts the host back by hand after a round neither tool healed.
repair() {
    case "$1" in
        broker-zombie) "$SANDBOX" fault broker-normal --dir "$dir" >/dev/null 2>&1 || true ;;
        chown) chown -hR kafka:kafka "$(sed -n 's/^log.dirs=//p' "$host/etc/server.properties" | cut -d, -f1)" ;;
        app-log-fill) find "$host/logs" -type f -name 'server.log.*' -delete ;;
    esac
    "$host/bin/zookeeper-status.sh" >/dev/null 2>&1 || "$host/bin/zookeeper-server-start.sh" -daemon >/dev/null 2>&1 || true
    sleep 1
    if ! "$host/bin/kafka-status.sh" >/dev/null 2>&1 || [ "$1" = broker-zombie ] || [ "$1" = chown ]; then
        "$host/bin/kafka-server-stop.sh" >/dev/null 2>&1 || true
        "$host/bin/kafka-server-start.sh" -daemon >/dev/null 2>&1 || true
    fi
}

# The stand-in reads its fault modes from run/kafka.control at every start, so a zombie would outlive a restart; a
# real broker starts with a new ZooKeeper session. The start script forgets the zombie mode, so a restart heals it.
fresh_session_on_start() {
    sed -i "2i sed -i '/^zombie\$/d' '$host/run/kafka.control' 2>/dev/null || true" "$host/bin/kafka-server-start.sh"
}

write_monit_rc() {
    local rc="$work/monitrc" zk_port broker_port logdir
    zk_port="$(sed -n 's/^clientPort=//p' "$host/etc/zoo.cfg")"
    broker_port="$(sed -n 's#^listeners=.*://[^:]*:\([0-9]*\).*#\1#p' "$host/etc/server.properties")"
    logdir="$(sed -n 's/^log.dirs=//p' "$host/etc/server.properties" | cut -d, -f1)"
    # Registration, as the runbook checks it (ls /brokers/ids), with Debian's kazoo: exit 1 when this broker is missing.
    cat >"$work/registered.py" <<PY
import sys
from kazoo.client import KazooClient
zk = KazooClient(hosts="127.0.0.1:$zk_port", timeout=3)
try:
    zk.start(timeout=3)
    sys.exit(0 if zk.exists("/brokers/ids/$(sed -n 's/^broker.id=//p' "$host/etc/server.properties")") else 1)
except Exception:
    sys.exit(2)
finally:
    zk.stop()
PY
    # Small scripts rather than quoted one-liners: monit splits a program's path on spaces.
    script() { printf '#!/bin/sh\n%s\n' "$2" >"$work/$1"; chmod 0755 "$work/$1"; }
    script zk-ruok "exec 3<>/dev/tcp/127.0.0.1/$zk_port 2>/dev/null || exit 1; printf ruok >&3; timeout 3 cat <&3 | grep -q imok"
    sed -i '1s|.*|#!/bin/bash|' "$work/zk-ruok" # /dev/tcp is bash's
    script zk-restart "$host/bin/zookeeper-server-stop.sh; exec $host/bin/zookeeper-server-start.sh -daemon"
    script kafka-restart "$host/bin/kafka-server-stop.sh; exec $host/bin/kafka-server-start.sh -daemon"
    script kafka-owned "test -z \"\$(find $logdir -xdev ! -user kafka -print -quit)\""
    script kafka-chown "chown -hR kafka:kafka $logdir; exec $work/kafka-restart"
    script applogs-clean "find $host/logs -type f -name '*.log.*' -delete"
    cat >"$rc" <<RC
set daemon $poll
set logfile $work/monit.log
set pidfile $work/monit.pid
set idfile $work/monit.id
set statefile $work/monit.state

check process zookeeper with pidfile $host/run/zookeeper.pid
    start program = "$host/bin/zookeeper-server-start.sh -daemon" with timeout 60 seconds
    stop program = "$host/bin/zookeeper-server-stop.sh" with timeout 60 seconds
    if failed host 127.0.0.1 port $zk_port type tcp for 2 cycles then restart
    if 5 restarts within 10 cycles then unmonitor

check program zookeeper_ruok with path "$work/zk-ruok" with timeout 5 seconds
    if status != 0 for 2 cycles then exec "$work/zk-restart"

check process kafka with pidfile $host/run/kafka.pid
    depends on zookeeper
    start program = "$host/bin/kafka-server-start.sh -daemon" with timeout 60 seconds
    stop program = "$host/bin/kafka-server-stop.sh" with timeout 60 seconds
    if failed host 127.0.0.1 port $broker_port type tcp for 2 cycles then restart
    if 5 restarts within 10 cycles then unmonitor

check program kafka_registered with path "/usr/bin/python3 $work/registered.py" with timeout 10 seconds
    if status != 0 for 2 cycles then exec "$work/kafka-restart"

check program kafka_ownership with path "$work/kafka-owned" with timeout 30 seconds
    if status != 0 then exec "$work/kafka-chown"

check filesystem kafka_applogs with path $(df --output=target "$host/logs" | tail -1)
    if space usage > 90% then exec "$work/applogs-clean"
RC
    chmod 0600 "$rc"
}

# The sandbox host is laid out like the runbook's /usr/local/kafka: bin/kafka-server-start.sh -daemon and friends
# under kafka.home, pidfiles under run/; so the agent manages both services through those scripts. Both tools run
# the scripts as root, as `scripts/sandbox up` and monit do (the stand-in drops to the kafka user by itself; run/ is
# root's), and the stand-in's command line is kafka-sandbox.dll broker, not kafka.Kafka.
heal_yaml() { # STRATEGY
    cat <<Y
mode: heal
heal:
  stale_registration: $1
interval_seconds: $poll
state_dir: $work/agent-state
kafka:
  server_properties: $host/etc/server.properties
  home: $host
  app_log_dir: $host/logs
  service:
    manager: script
    pid_file: $host/run/kafka.pid
    command_match: kafka-sandbox.dll broker
    run_as: root
zookeeper:
  properties: $host/etc/zoo.cfg
  service:
    manager: script
    pid_file: $host/run/zookeeper.pid
    run_as: root
metrics:
  enabled: false
logging:
  format: json
Y
}

# start_tool TOOL: starts it in the background (tool_pid), each time with fresh state (monit's state file, the
# agent's state dir: budgets count per run); sets cannot to why it cannot heal at all, or "".
start_tool() {
    cannot=""
    case "$1" in
        monit)
            local rc
            write_monit_rc
            rc="$work/monitrc"
            rm -f "$work/monit.state" "$work/monit.id"
            "$MONIT" -t -c "$rc" >&2 || die "monit rejects $rc"
            "$MONIT" -I -c "$rc" >>"$work/monit.out" 2>&1 &
            tool_pid=$!
            ;;
        agent|agent-wait)
            local strategy=delete
            [ "$1" = agent-wait ] && strategy=wait
            rm -rf "$work/agent-state"
            mkdir -p "$work/agent-state"
            heal_yaml "$strategy" >"$work/agent.yaml"
            local why
            if ! why="$("$BENCH_AGENT" check --config "$work/agent.yaml" 2>&1 >/dev/null)" && [ "$("$BENCH_AGENT" check --config "$work/agent.yaml" >/dev/null 2>&1; echo $?)" = 78 ]; then
                cannot="this build rejects the heal configuration: $(printf '%s' "$why" | head -1)"
                return 0
            fi
            echo "=== $1 round start $(date -u +%FT%TZ)" >>"$work/$1.out"
            "$BENCH_AGENT" run --config "$work/agent.yaml" >>"$work/$1.out" 2>&1 &
            tool_pid=$!
            ;;
    esac
}

# tool_runs TOOL FAULT: whether the tool takes part in this fault (agent-wait differs from agent only after kill -9).
tool_runs() { [ "$1" != agent-wait ] || [ "$2" = broker-kill ]; }

declare -A result
declare -A times_of unhealed_of
IFS=, read -r -a fault_list <<<"$faults"
IFS=, read -r -a tool_list <<<"$tools"
"$SANDBOX" down --dir "$dir" >/dev/null 2>&1 || true
log "starting a 1-host sandbox in $dir"
"$SANDBOX" up --brokers 1 --dir "$dir" >&2
sandbox_agent_yaml "$host" "" "  enabled: false\n" >"$observe_yaml"
fresh_session_on_start
wait_healthy broker-kill 60 >/dev/null || die "the sandbox never became healthy"
for fault in "${fault_list[@]}"; do
    injection="$(sandbox_fault "$fault")"
    for r in $(seq "$rounds"); do
        for tool in "${tool_list[@]}"; do
            tool_runs "$tool" "$fault" || continue
            if [ -z "$injection" ]; then
                result["$tool,$fault"]="n/a (scripts/sandbox fault has no such fault)"
                continue
            fi
            if ! wait_healthy "$fault" 60 >/dev/null; then
                log "[$tool] host not healthy before round $r of $fault; repairing by hand"
                repair "$fault"
                wait_healthy "$fault" 120 >/dev/null || die "[$tool] host not healthy before round $r of $fault, even after a repair"
            fi
            start_tool "$tool"
            if [ -n "$cannot" ]; then
                result["$tool,$fault"]="cannot heal ($cannot)"
                continue
            fi
            # Two polls on the healthy host first (both tools look at once when they start, then every poll): each
            # has looked at it (the agent watches the broker's pid and has read its registration) before the fault,
            # as a tool that has been running would have.
            sleep $((poll + 1))
            # shellcheck disable=SC2086
            "$SANDBOX" fault $injection --dir "$dir" >/dev/null
            echo "=== $fault round $r injected, heal time counted from $(date -u +%FT%T.%3NZ)" >>"$work/$tool.out"
            if t="$(wait_healthy "$fault" "$bound")"; then
                times_of["$tool,$fault"]+="$t "
                log "[$tool] $fault round $r: healed in ${t}s"
            else
                unhealed_of["$tool,$fault"]=$((${unhealed_of["$tool,$fault"]:-0} + 1))
                log "[$tool] $fault round $r: not healed within ${bound}s; repairing by hand"
                stop_tool
                repair "$fault"
            fi
            stop_tool
        done
    done
    for tool in "${tool_list[@]}"; do
        tool_runs "$tool" "$fault" || continue
        [ -n "${result["$tool,$fault"]:-}" ] && continue
        read -r -a times <<<"${times_of["$tool,$fault"]:-}"
        if [ ${#times[@]} -eq 0 ]; then
            result["$tool,$fault"]="cannot heal (0/$rounds within ${bound}s)"
        else
            med="$(printf '%s\n' "${times[@]}" | median)"
            max="$(printf '%s\n' "${times[@]}" | sort -g | tail -1)"
            result["$tool,$fault"]="$med $max ${unhealed_of["$tool,$fault"]:-0}"
        fi
    done
done
cp "$work/monit.log" "$REPO_ROOT/artifacts/bench/heal-monit.log" 2>/dev/null || true
cp "$work/agent.out" "$REPO_ROOT/artifacts/bench/heal-agent.log" 2>/dev/null || true
cp "$work/agent-wait.out" "$REPO_ROOT/artifacts/bench/heal-agent-wait.log" 2>/dev/null || true

# Detection latency of process exits, from the agent's own histogram: the agent in observe mode with a long
# interval (so only events start cycles), the broker and ZooKeeper killed and started again by hand each round.
detection="" detection_note=""
measure_detection() {
    local port yaml="$work/detect.yaml" out="$work/detect.out" watching
    port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    { sandbox_agent_yaml "$host" "" "  host: 127.0.0.1\n  port: $port\n"; echo "interval_seconds: $poll"; } >"$yaml"
    "$BENCH_AGENT" run --config "$yaml" >"$out" 2>&1 &
    tool_pid=$!
    local -A seen=([kafka]=0 [zookeeper]=0)
    for fault in broker-kill zk-kill; do
        local service=kafka
        [ "$fault" = zk-kill ] && service=zookeeper
        for r in $(seq "$rounds"); do
            if ! wait_healthy "$fault" 120 >/dev/null; then
                detection_note="stopped before round $r of $fault: the host was not healthy within 120 s"
                break 2
            fi
            # The agent watches the new process once a cycle has ended after its start.
            for _ in $(seq 300); do
                watching="$(grep -c "Watching $service pid" "$out" || true)"
                [ "$watching" -gt "${seen[$service]}" ] && break
                sleep 0.1
            done
            seen[$service]="$watching"
            # That line is written inside a cycle; a real exit comes at any moment of the poll, not just then.
            sleep "$(awk -v p="$poll" -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", rand() * p }')"
            "$SANDBOX" fault "$fault" --dir "$dir" >/dev/null
            sleep 2
            # The observing agent starts nothing: a broker started by hand while the killed one's registration
            # lives fails with NODEEXISTS, as Kafka 2.x does. Let its session (6 s in the sandbox) expire first.
            [ "$fault" = broker-kill ] && sleep 7
            repair "$fault"
        done
    done
    wait_healthy broker-kill 120 >/dev/null || true
    detection="$(curl -s "http://127.0.0.1:$port/metrics" | grep '^kafka_agent_detection_latency_seconds' || true)"
    stop_tool
    cp "$out" "$REPO_ROOT/artifacts/bench/heal-detection-agent.log" 2>/dev/null || true
}
case ",$tools," in *,agent,*)
    log "[agent] detection latency on the same host"
    measure_detection
    ;;
esac
"$SANDBOX" down --dir "$dir" >/dev/null 2>&1 || true

# The table: median and max seconds from injection to healed, per tool, and agent/monit on the medians.
fmt() { # RESULT: "median max unhealed" or a sentence
    local v="$1"
    if [[ "$v" =~ ^[0-9.]+\ [0-9.]+\ [0-9]+$ ]]; then
        read -r m x u <<<"$v"
        printf 'median %6.2fs max %6.2fs%s' "$m" "$x" "$([ "$u" -gt 0 ] && echo " ($u/$rounds unhealed)")"
    else
        printf '%s' "$v"
    fi
}
# Printed, and kept in artifacts/bench/heal-table.txt (the tools' logs sit beside it as heal-*.log).
table="$REPO_ROOT/artifacts/bench/heal-table.txt"
{
echo "scripts/bench heal, $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "heal time, $rounds rounds per fault, poll ${poll}s, bound ${bound}s (from injection to registered + Metadata + finding gone)"
for fault in "${fault_list[@]}"; do
    line="$fault:"
    for tool in "${tool_list[@]}"; do
        tool_runs "$tool" "$fault" || continue
        line+="  $tool $(fmt "${result["$tool,$fault"]:-not run}")"
    done
    m="${result["monit,$fault"]:-}"
    for tool in agent agent-wait; do
        a="${result["$tool,$fault"]:-}"
        if [[ "$a" =~ ^[0-9.]+\  ]] && [[ "$m" =~ ^[0-9.]+\  ]]; then
            line+="  ratio $tool/monit $(ratio "${a%% *}" "${m%% *}")"
        fi
    done
    echo "$line  (target agent/monit <= 0.50)"
done
if [ -n "$detection" ]; then
    echo "detection latency (kafka-agent, process exit to cycle start; target < 0.2 s):"
    for event in kafka_exit zookeeper_exit session_lost registration_lost; do
        count="$(awk -v e="$event" '$1 ~ "^kafka_agent_detection_latency_seconds_count" && index($1, "event=\"" e "\"") { print $2 }' <<<"$detection")"
        sum="$(awk -v e="$event" '$1 ~ "^kafka_agent_detection_latency_seconds_sum" && index($1, "event=\"" e "\"") { print $2 }' <<<"$detection")"
        under="$(awk -v e="$event" '$1 ~ "_bucket" && index($1, "event=\"" e "\"") && index($1, "le=\"0.2\"") { print $2 }' <<<"$detection")"
        [ -n "$count" ] && echo "  $event: $count events, mean $(awk -v s="$sum" -v c="$count" 'BEGIN { printf "%.4f", s / c }')s, $under of them under 0.2 s"
    done
fi
[ -z "$detection_note" ] || echo "detection latency: $detection_note"
} | tee "$table"
