#!/usr/bin/env bash
# scripts/bench ownership [--rounds N] [--daemon-seconds S]: a log dir of 300,000 files shaped like Kafka's
# (2,000 partition dirs x 50 segments x .log/.index/.timeindex), 10 of them root-owned. Our scan
# (kafka-agent scan-ownership: the probe's own code) side by side with find -P DIR \( ! -user U -o ! -group G \).
# Then the daemon (kafka-agent run, default interval and schedule) against a healthy sandbox host whose log dir
# is that tree: steady-state CPU (share of one core) and RSS over S seconds.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/bench-agent.sh"
# The measured window (from 120 s to 480 s after start) holds one scheduled full scan of the 300,000 files
# (the first runs at start, the next about 0.8 s / 0.25% = 320 s later), so the figure includes their share.
rounds=5 daemon_seconds=360
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --daemon-seconds) daemon_seconds="$2"; shift 2 ;;
        *) die "unknown option $1 (scripts/bench ownership [--rounds N] [--daemon-seconds S])" ;;
    esac
done
ensure_zookeeper
ensure_debs time python3
publish_agent

owner=4242   # uid and gid standing in for kafka:kafka (numeric: no account needed)
tree=/var/tmp/kafka-agent-bench-logs
if [ "$(cat "$tree/.complete" 2>/dev/null)" != v1 ]; then
    make_kafka_log_tree "$tree"
    chown -R -h "$owner:$owner" "$tree"
    # Ten wrong files, as a broker once started as root would leave them.
    for d in 0 1 2 3 4 5 6 7 8 9; do chown 0:0 "$tree/topic-00$d-0/00000000000000000000.log"; done
    echo v1 >"$tree/.complete"
    chown "$owner:$owner" "$tree/.complete"
fi
files="$(find "$tree" -type f | wc -l)"

log "warming up, then $rounds rounds of each (tree: $files files)"
"$BENCH_AGENT" scan-ownership --user "$owner" --group "$owner" "$tree" | sed -n 1p >&2
ours_found="$("$BENCH_AGENT" scan-ownership --user "$owner" --group "$owner" "$tree" | sed -n 's/.* wrong=\([0-9]*\) .*/\1/p')"
find_found="$(find -P "$tree" \( ! -user "$owner" -o ! -group "$owner" \) | wc -l)"
[ "$ours_found" = "$find_found" ] || die "disagreement: kafka-agent found $ours_found wrong entries, find $find_found"
o_w=() o_c=() f_w=() f_c=()
for _ in $(seq "$rounds"); do
    read -r w c < <(timed "$BENCH_AGENT" scan-ownership --user "$owner" --group "$owner" "$tree"); o_w+=("$w"); o_c+=("$c")
    read -r w c < <(timed find -P "$tree" \( ! -user "$owner" -o ! -group "$owner" \)); f_w+=("$w"); f_c+=("$c")
done
ow="$(printf '%s\n' "${o_w[@]}" | median)"; fw="$(printf '%s\n' "${f_w[@]}" | median)"
oc="$(printf '%s\n' "${o_c[@]}" | median)"; fc="$(printf '%s\n' "${f_c[@]}" | median)"
echo "ownership scan of $files files, $ours_found wrong (both agree)"
echo "ownership wall (median of $rounds, whole process): kafka-agent ${ow}s  find ${fw}s  ratio $(ratio "$ow" "$fw") (target <= 1.00)"
echo "ownership cpu  (median of $rounds, whole process): kafka-agent ${oc}s  find ${fc}s  ratio $(ratio "$oc" "$fc")"

# The daemon on that tree, against a healthy sandbox host (every probe does its real work each cycle).
dir=/tmp/kafka-agent-bench-ownership
"$REPO_ROOT/scripts/sandbox" down --dir "$dir" >/dev/null 2>&1 || true
pid=""
# Every step may fail (the daemon already gone, wait returning its non-zero status) and none may stop the trap
# under set -e before the sandbox is torn down.
cleanup() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    "$REPO_ROOT/scripts/sandbox" down --dir "$dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$REPO_ROOT/scripts/sandbox" up --brokers 1 --dir "$dir" >/dev/null
host="$dir/host-1"
sandbox_agent_yaml "$host" "  log_dirs: [$tree]\n  user: \"$owner\"\n  group: \"$owner\"\n" "  host: 127.0.0.1\n  port: 19464\n" >"$dir/agent.yaml"
"$BENCH_AGENT" run --config "$dir/agent.yaml" >"$dir/agent.log" 2>&1 &
pid=$!
# Past start-up and the first full scan, and past most tiered-JIT recompilation of the cycle's code.
warmup=120
log "daemon pid $pid: ${warmup}s warm-up, then ${daemon_seconds}s measured"
sleep "$warmup"
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
hz="$(getconf CLK_TCK)"
t0="$(ticks)"; s0="$(date +%s.%N)"; max_rss=0
end=$(( $(date +%s) + daemon_seconds ))
while [ "$(date +%s)" -lt "$end" ]; do
    r="$(rss_kb)"; [ "$r" -gt "$max_rss" ] && max_rss="$r"
    sleep 5
done
t1="$(ticks)"; s1="$(date +%s.%N)"
cpu_pct="$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$s0" -v e="$s1" 'BEGIN { printf "%.2f", (b - a) / hz / (e - s) * 100 }')"
metrics="$(curl -s http://127.0.0.1:19464/metrics 2>/dev/null || python3 -c 'import urllib.request;print(urllib.request.urlopen("http://127.0.0.1:19464/metrics").read().decode())')"
passes="$(grep '^kafka_agent_ownership_passes_total' <<<"$metrics" | sed 's/^kafka_agent_ownership_passes_total{kind="\([a-z]*\)"} /\1=/' | tr '\n' ' ')"
pass_cpu="$(grep '^kafka_agent_ownership_cpu_seconds_total' <<<"$metrics" | sed 's/^kafka_agent_ownership_cpu_seconds_total{kind="\([a-z]*\)"} /\1=/' | tr '\n' ' ')"
cycles="$(grep '^kafka_agent_cycles_total' <<<"$metrics" | sed 's/^kafka_agent_cycles_total{status="\([a-z]*\)"} /\1=/' | tr '\n' ' ')"
echo "daemon steady state over ${daemon_seconds}s, full scans included (interval 10 s, default full-scan schedule): cpu ${cpu_pct}% of one core (target < 1%), rss $(( $(rss_kb) / 1024 )) MiB (max $(( max_rss / 1024 )) MiB)"
echo "daemon since start: cycles ${cycles}; ownership passes ${passes}; ownership cpu seconds ${pass_cpu}"
