#!/usr/bin/env bash
# scripts/bench check [--rounds N]: wall time of one `kafka-agent check` (every probe, against a healthy
# 1-host sandbox) side by side with one `zkCli.sh -server HOST:PORT ls /brokers/ids`, the runbook's manual step.
# Target: the whole check in at most half the time of that one zkCli call.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/bench-agent.sh"
rounds=5
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        *) die "unknown option $1 (scripts/bench check [--rounds N])" ;;
    esac
done
ensure_zookeeper
ensure_debs time
publish_agent
zkcli=/usr/share/zookeeper/bin/zkCli.sh
[ -x "$zkcli" ] || die "$zkcli not found (Debian zookeeper)"

dir=/tmp/kafka-agent-bench-check
"$REPO_ROOT/scripts/sandbox" down --dir "$dir" >/dev/null 2>&1 || true
trap '"$REPO_ROOT/scripts/sandbox" down --dir "$dir" >/dev/null 2>&1 || true' EXIT
log "starting a healthy 1-host sandbox in $dir"
"$REPO_ROOT/scripts/sandbox" up --brokers 1 --dir "$dir" >&2
host="$dir/host-1"
port="$(sed -n 's/^clientPort=//p' "$host/etc/zoo.cfg")"
sandbox_agent_yaml "$host" "" "  enabled: false\n" >"$dir/agent.yaml"
"$BENCH_AGENT" check --config "$dir/agent.yaml" >&2 || die "the sandbox is not healthy; the benchmark needs an OK check"

log "warming up (page cache), then $rounds rounds of each"
timed "$BENCH_AGENT" check --config "$dir/agent.yaml" >/dev/null
timed "$zkcli" -server "127.0.0.1:$port" ls /brokers/ids >/dev/null
agent_walls=() zk_walls=() agent_cpus=() zk_cpus=()
for _ in $(seq "$rounds"); do
    read -r w c < <(timed "$BENCH_AGENT" check --config "$dir/agent.yaml"); agent_walls+=("$w"); agent_cpus+=("$c")
    read -r w c < <(timed "$zkcli" -server "127.0.0.1:$port" ls /brokers/ids); zk_walls+=("$w"); zk_cpus+=("$c")
done
aw="$(printf '%s\n' "${agent_walls[@]}" | median)"; zw="$(printf '%s\n' "${zk_walls[@]}" | median)"
ac="$(printf '%s\n' "${agent_cpus[@]}" | median)"; zc="$(printf '%s\n' "${zk_cpus[@]}" | median)"
echo "check wall (median of $rounds): kafka-agent check ${aw}s  zkCli.sh ls /brokers/ids ${zw}s  ratio $(ratio "$aw" "$zw") (target <= 0.50)"
echo "check cpu  (median of $rounds): kafka-agent check ${ac}s  zkCli.sh ls /brokers/ids ${zc}s  ratio $(ratio "$ac" "$zc")"
