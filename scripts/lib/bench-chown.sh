#!/usr/bin/env bash
# scripts/bench chown [--rounds N]: the ownership fix (kafka-agent fix-ownership: the remediation's own code, directory
# handles, fchownat AT_SYMLINK_NOFOLLOW) against chown -R -P on a log dir of 300,000 files shaped like Kafka's
# (2,000 partition dirs x 50 segments x .log/.index/.timeindex): once with every entry wrong, once with 10 wrong.
# Wall and CPU (user+sys) per tool, median of N rounds; the tree is reset (untimed) before every run.
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/bench-agent.sh"
rounds=3
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        *) die "unknown option $1 (scripts/bench chown [--rounds N])" ;;
    esac
done
[ "$(id -u)" -eq 0 ] || die "scripts/bench chown needs root (it changes owners)"
ensure_debs time python3
publish_agent

owner=4242   # uid and gid standing in for kafka:kafka (numeric: no account needed)
tree=/var/tmp/kafka-agent-bench-chown
if [ "$(cat "$tree/.complete" 2>/dev/null)" != v1 ]; then
    make_kafka_log_tree "$tree"
    echo v1 >"$tree/.complete"
fi
entries="$(find -P "$tree" | wc -l)"

all_wrong() { chown -R -h 0:0 "$tree"; }
ten_wrong() {
    chown -R -h "$owner:$owner" "$tree"
    for d in 0 1 2 3 4 5 6 7 8 9; do chown 0:0 "$tree/topic-00$d-0/00000000000000000000.log"; done
}
wrong_count() { find -P "$tree" \( ! -uid "$owner" -o ! -gid "$owner" \) | wc -l; }

# Agreement first: after each tool, nothing is left wrong.
all_wrong; "$BENCH_AGENT" fix-ownership --user "$owner" --group "$owner" "$tree" | sed -n 1p >&2
[ "$(wrong_count)" = 0 ] || die "kafka-agent fix-ownership left $(wrong_count) entries wrong"
all_wrong; chown -R -P "$owner:$owner" "$tree"
[ "$(wrong_count)" = 0 ] || die "chown -R -P left entries wrong"

for case in all ten; do
    o_w=() o_c=() c_w=() c_c=()
    for _ in $(seq "$rounds"); do
        "${case}_wrong"
        read -r w c < <(timed "$BENCH_AGENT" fix-ownership --user "$owner" --group "$owner" "$tree"); o_w+=("$w"); o_c+=("$c")
        [ "$(wrong_count)" = 0 ] || die "kafka-agent fix-ownership left entries wrong"
        "${case}_wrong"
        read -r w c < <(timed chown -R -P "$owner:$owner" "$tree"); c_w+=("$w"); c_c+=("$c")
    done
    ow="$(printf '%s\n' "${o_w[@]}" | median)"; cw="$(printf '%s\n' "${c_w[@]}" | median)"
    oc="$(printf '%s\n' "${o_c[@]}" | median)"; cc="$(printf '%s\n' "${c_c[@]}" | median)"
    label=$([ "$case" = all ] && echo "all $entries entries wrong" || echo "10 of $entries entries wrong")
    echo "chown, $label: wall (median of $rounds) kafka-agent ${ow}s  chown -R -P ${cw}s  ratio $(ratio "$ow" "$cw") (target <= 1.00)"
    echo "chown, $label: cpu  (median of $rounds) kafka-agent ${oc}s  chown -R -P ${cc}s  ratio $(ratio "$oc" "$cc")"
done
