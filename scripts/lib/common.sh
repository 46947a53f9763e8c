# Shared helpers for the scripts in this folder. Source it; do not run it.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt-get update at most once per machine boot (or when the lists are empty).
apt_update_once() {
    if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ] || [ ! -e /run/kafka-agent-apt-updated ]; then
        as_root apt-get update -q >&2 || die "apt-get update failed"
        as_root touch /run/kafka-agent-apt-updated 2>/dev/null || true
    fi
}

# ensure_debs PKG...: installs the Debian packages that are not installed yet.
ensure_debs() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
        || die "apt-get install ${missing[*]} failed"
}

# The ZooKeeper server the test bed runs: Debian's package, started from its jars with the machine's Java.
ensure_zookeeper() {
    ensure_debs zookeeper
    command -v java >/dev/null 2>&1 || ensure_debs default-jre-headless
}

# ensure_promtool / ensure_prometheus: Prometheus' exposition and rules checker, and its server for the
# real-Prometheus test. Debian ships both only inside the prometheus package, whose install would also start
# (and enable) a Prometheus service; so the package is downloaded and only the binaries are unpacked under
# artifacts/tools/bin, which is put first on PATH. Nothing is installed and no service is started.
ensure_promtool() { ensure_prometheus_binary promtool; }
ensure_prometheus() { ensure_prometheus_binary prometheus; }

ensure_prometheus_binary() {
    local name="$1" bin="$REPO_ROOT/artifacts/tools/bin"
    export PATH="$bin:$PATH"
    [ -x "$bin/$name" ] && return 0
    command -v "$name" >/dev/null 2>&1 && return 0
    local tmp rc=0
    tmp="$(mktemp -d)"
    log "fetching $name from Debian's prometheus package (unpacked, not installed)"
    apt_update_once
    # The temp dir goes whichever step fails; die only after it is gone.
    fetch_prometheus "$tmp" "$bin" || rc=$?
    rm -rf "$tmp"
    [ "$rc" -eq 0 ] || die "$name could not be fetched into $bin (step $rc failed; see above)"
    command -v "$name" >/dev/null 2>&1 || die "$name is not runnable from $bin"
}

# fetch_prometheus TMP BIN: downloads the prometheus package into TMP and installs promtool and prometheus into BIN.
# Returns the number of the step that failed (1 download, 2 unpack, 3 install).
fetch_prometheus() {
    local tmp="$1" bin="$2"
    chmod 0755 "$tmp" # apt downloads as the _apt user
    (cd "$tmp" && apt-get download -q prometheus >&2) || return 1
    dpkg-deb -x "$tmp"/prometheus_*.deb "$tmp/root" || return 2
    { mkdir -p "$bin" && install -m 0755 "$tmp/root/usr/bin/promtool" "$bin/promtool" \
        && install -m 0755 "$tmp/root/usr/bin/prometheus" "$bin/prometheus"; } || return 3
}

ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is required (dotnet not on PATH); see https://learn.microsoft.com/dotnet/core/install/linux-debian"
}
