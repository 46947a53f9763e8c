using System.Text;
using KafkaAgent.TestBed.Processes;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// Writes a host's bin/: start (foreground, or -daemon with a pidfile), stop (SIGTERM, wait) and status
/// (LSB exit codes: 0 running, 1 dead with a pidfile, 3 not running) for the broker and for ZooKeeper.
/// These are what an agent's service manager calls, so they depend on nothing but the host dir.
/// </summary>
internal static class HostScripts
{
    private const string Common = """
        HOST=$(cd "$(dirname "$0")/.." && pwd)
        # alive PID: the process exists and is not a zombie.
        alive() { s=$(sed -n 's/^[0-9]* (.*) \(.\) .*/\1/p' "/proc/$1/stat" 2>/dev/null); [ -n "$s" ] && [ "$s" != Z ]; }
        state() { sed -n 's/^[0-9]* (.*) \(.\) .*/\1/p' "/proc/$1/stat" 2>/dev/null; }

        """;

    public static void Write(SandboxLayout layout, HostState host, string user)
    {
        var h = host.Layout;
        Directory.CreateDirectory(h.Bin);
        var dotnet = Dotnet();
        var broker = new[] { dotnet, Path.Combine(layout.Opt, "kafka-sandbox.dll"), "broker", "--user", user };
        WriteScript(h.Script("kafka-server-start.sh"), Start("Kafka", "kafka.pid", "server.log", "etc/server.properties", broker, $"export DOTNET_ROOT={Quote(Path.GetDirectoryName(dotnet)!)} DOTNET_CLI_TELEMETRY_OPTOUT=1\n"));
        WriteScript(h.Script("kafka-server-stop.sh"), Stop("Kafka", "kafka.pid", "No kafka server to stop"));
        WriteScript(h.Script("kafka-status.sh"), Status("kafka", "kafka.pid"));

        var java = ZooKeeperLauncher.CommandLine(h.Etc, h.ZooCfg, 128).ToList();
        java.RemoveAt(java.Count - 1); // the config comes last, from the script's argument
        WriteScript(h.Script("zookeeper-server-start.sh"), Start("ZooKeeper", "zookeeper.pid", "zookeeper.out", "etc/zoo.cfg", java, string.Empty));
        WriteScript(h.Script("zookeeper-server-stop.sh"), Stop("ZooKeeper", "zookeeper.pid", "No zookeeper server to stop"));
        WriteScript(h.Script("zookeeper-status.sh"), Status("zookeeper", "zookeeper.pid"));
    }

    private static string Start(string what, string pidFile, string logFile, string defaultConfig, IEnumerable<string> command, string env) => $$"""
        #!/bin/sh
        # Starts this host's {{what}}, like {{(what == "Kafka" ? "kafka-server-start.sh" : "zookeeper-server-start.sh")}}:
        #   $0 [-daemon] [CONFIG]     (CONFIG defaults to {{defaultConfig}})
        # -daemon: in the background, output appended to logs/{{logFile}}, pid in run/{{pidFile}}.
        {{Common}}
        DAEMON=no
        if [ "$1" = "-daemon" ]; then DAEMON=yes; shift; fi
        CONFIG=${1:-$HOST/{{defaultConfig}}}
        PIDFILE=$HOST/run/{{pidFile}}
        if [ -f "$PIDFILE" ] && alive "$(cat "$PIDFILE")"; then
            echo "{{what}} is already running (pid $(cat "$PIDFILE"))" >&2
            exit 1
        fi
        {{env}}set -- {{string.Join(" ", command.Select(Quote))}} "$CONFIG"
        cd "$HOST"
        if [ $DAEMON = yes ]; then
            nohup setsid "$@" >>"$HOST/logs/{{logFile}}" 2>&1 </dev/null &
            echo $! >"$PIDFILE"
        else
            echo $$ >"$PIDFILE"
            exec "$@"
        fi

        """;

    private static string Stop(string what, string pidFile, string none) => $$"""
        #!/bin/sh
        # Stops this host's {{what}} with SIGTERM (graceful: a broker deregisters) and waits up to ${STOP_TIMEOUT:-30} s.
        {{Common}}
        PIDFILE=$HOST/run/{{pidFile}}
        PID=$(cat "$PIDFILE" 2>/dev/null)
        if [ -z "$PID" ] || ! alive "$PID"; then
            rm -f "$PIDFILE"
            echo "{{none}}"
            exit 1
        fi
        kill -TERM "$PID"
        kill -CONT "$PID" 2>/dev/null   # a SIGSTOPped process acts on SIGTERM only once continued
        i=0
        while alive "$PID" && [ $i -lt $(( ${STOP_TIMEOUT:-30} * 10 )) ]; do sleep 0.1; i=$((i + 1)); done
        if alive "$PID"; then
            echo "{{what}} (pid $PID) did not stop within ${STOP_TIMEOUT:-30} s" >&2
            exit 1
        fi
        rm -f "$PIDFILE"

        """;

    private static string Status(string what, string pidFile) => $$"""
        #!/bin/sh
        # LSB status of this host's {{what}}: 0 running (also when SIGSTOPped), 1 dead but pidfile exists, 3 not running.
        {{Common}}
        PIDFILE=$HOST/run/{{pidFile}}
        PID=$(cat "$PIDFILE" 2>/dev/null)
        if [ -n "$PID" ] && alive "$PID"; then
            if [ "$(state "$PID")" = T ]; then echo "{{what}} is running but stopped by a signal (pid $PID)"; else echo "{{what}} is running (pid $PID)"; fi
            exit 0
        fi
        if [ -f "$PIDFILE" ]; then echo "{{what}} is dead but the pidfile $PIDFILE exists"; exit 1; fi
        echo "{{what}} is not running"
        exit 3

        """;

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    internal static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Dotnet()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            var candidate = Path.Combine(dir, "dotnet");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            }
        }
        return Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet";
    }
}
