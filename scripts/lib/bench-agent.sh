# Helpers for the `scripts/bench` scenarios (check, chown, ownership, heal). Source after common.sh.
# shellcheck shell=bash

# The agent as it ships: Native AOT for linux-x64 (published again only when a source or the project changed).
BENCH_AGENT_DIR="$REPO_ROOT/artifacts/bench/kafka-agent-aot"
BENCH_AGENT="$BENCH_AGENT_DIR/kafka-agent"
publish_agent() {
    ensure_dotnet
    ensure_debs clang
    if [ -x "$BENCH_AGENT" ] && [ -z "$(find "$REPO_ROOT/src/Agent" "$REPO_ROOT/src/ZooKeeper" \( -name '*.cs' -o -name '*.csproj' \) -newer "$BENCH_AGENT" -not -path '*/obj/*' -print -quit)" ]; then
        return 0
    fi
    log "publishing kafka-agent (Native AOT, linux-x64) to $BENCH_AGENT_DIR"
    dotnet publish "$REPO_ROOT/src/Agent/Agent.csproj" -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=true \
        -o "$BENCH_AGENT_DIR" --artifacts-path "$REPO_ROOT/artifacts/dotnet-bench" --nologo -v quiet -clp:ErrorsOnly >&2 \
        || die "publishing kafka-agent failed"
    touch "$BENCH_AGENT"
}

# make_kafka_log_tree DIR: (re)creates DIR as a log dir of 300,000 empty files shaped like Kafka's: 2,000 partition
# dirs (100 topics x 20 partitions) x 50 segments x .log/.index/.timeindex. Owners are the caller's to set.
make_kafka_log_tree() {
    log "creating $1: 2,000 partition dirs x 150 files"
    rm -rf "$1"
    python3 - "$1" <<'PY'
import os, sys
root = sys.argv[1]
os.makedirs(root)
for d in range(2000):
    part = f"{root}/topic-{d // 20:03d}-{d % 20}"
    os.mkdir(part)
    for s in range(50):
        base = f"{part}/{s * 4096:020d}"
        for ext in (".log", ".index", ".timeindex"):
            os.close(os.open(base + ext, os.O_CREAT | os.O_WRONLY, 0o644))
PY
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ratio A B: A / B with 2 decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f\n", a / b }'; }

# timed CMD...: runs it, prints "wall user+sys" seconds (output of the command discarded).
timed() {
    local out
    out="$(mktemp)"
    /usr/bin/time -o "$out" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
    awk 'END { printf "%.3f %.3f\n", $1, $2 + $3 }' "$out"
    rm -f "$out"
}

# sandbox_agent_yaml HOSTDIR KAFKA_EXTRA METRICS: prints agent.yaml for a sandbox host (paths only, the rest
# discovered), with extra lines under kafka: and the given metrics: body.
sandbox_agent_yaml() {
    local host="$1" extra="$2" metrics="$3"
    printf 'kafka:\n  server_properties: %s/etc/server.properties\n%b  service:\n    manager: pidfile\n    pid_file: %s/run/kafka.pid\n    command_match: kafka-sandbox.dll broker\n' \
        "$host" "$extra" "$host"
    printf 'zookeeper:\n  properties: %s/etc/zoo.cfg\nmetrics:\n%b' "$host" "$metrics"
}
