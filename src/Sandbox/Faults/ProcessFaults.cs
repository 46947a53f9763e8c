using KafkaAgent.Sandbox.Broker;
using KafkaAgent.Sandbox.Native;
using KafkaAgent.Sandbox.Orchestration;

namespace KafkaAgent.Sandbox.Faults;

/// <summary>Faults on processes: real signals to the pids in run/, and the stand-in's own fault modes.</summary>
internal static class ProcessFaults
{
    public static FaultReport Signal(string fault, HostState host, string what, string pidFile, int signal, string signalName)
    {
        var pid = HostProcesses.Running(pidFile) ?? throw new InvalidOperationException($"{what} {host.Id} is not running (pidfile {pidFile})");
        HostProcesses.Signal(pid, signal);
        // Delivery is asynchronous: report once the kernel shows the process stopped (state T).
        for (var i = 0; i < 100 && signal == LibC.SIGSTOP && HostProcesses.State(pid) is not ('T' or null); i++)
        {
            Thread.Sleep(50);
        }
        return new FaultReport(fault, host.Id, $"sent {signalName} to {what} {host.Id} (pid {pid})", [pidFile]);
    }

    public static async Task<FaultReport> KillAsync(string fault, HostState host, string what, string pidFile, CancellationToken ct)
    {
        var report = Signal(fault, host, what, pidFile, LibC.SIGKILL, "SIGKILL");
        await HostProcesses.WaitForExitAsync(HostProcesses.ReadPid(pidFile)!.Value, TimeSpan.FromSeconds(10), ct);
        return report with { Summary = report.Summary + "; it is gone, its pidfile stays behind as after a crash" };
    }

    /// <summary>Restarts a ZooKeeper member from zoo-standalone.cfg: same data and port, no ensemble.</summary>
    public static async Task<FaultReport> ZooKeeperStandaloneAsync(HostState host, CancellationToken ct)
    {
        var h = host.Layout;
        await Script(h.Script("zookeeper-server-stop.sh"), [], allowFailure: true, ct);
        await Script(h.Script("zookeeper-server-start.sh"), ["-daemon", h.ZooStandaloneCfg], allowFailure: false, ct);
        var pid = HostProcesses.ReadPid(h.ZooKeeperPidFile);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await KafkaAgent.TestBed.SrvrProbe.TryGetModeAsync(host.ZooKeeperClientPort, TimeSpan.FromSeconds(2), ct) is null)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60) || HostProcesses.Running(h.ZooKeeperPidFile) is null)
            {
                throw new TimeoutException($"ZooKeeper {host.Id} did not serve standalone; see {h.ZooKeeperOut}");
            }
            await Task.Delay(200, ct);
        }
        return new FaultReport("zk-standalone", host.Id,
            $"restarted ZooKeeper {host.Id} (pid {pid}) with {h.ZooStandaloneCfg}: no server.N lines, so it serves alone (Mode: standalone)", [h.ZooStandaloneCfg]);
    }

    /// <summary>Writes the stand-in's control file; it picks the change up within a quarter second.</summary>
    public static FaultReport SetModes(string fault, HostState host, Func<FaultModes, FaultModes> change, string summary)
    {
        var h = host.Layout;
        var modes = change(FaultModes.Read(h.ControlFile));
        File.WriteAllText(h.ControlFile, modes.ToFileText());
        File.SetUnixFileMode(h.ControlFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return new FaultReport(fault, host.Id, $"{summary} (broker {host.Id} fault modes now: {modes.Describe()})", [h.ControlFile]);
    }

    /// <summary>
    /// Log recovery of S seconds at every start that follows an unclean shutdown (no .kafka_cleanshutdown).
    /// The broker is stopped gracefully (so its registration goes at once) and its clean-shutdown marker
    /// removed, which is what a crash leaves on disk, then started: it recovers now, and again whenever it
    /// is stopped or killed before it finished starting.
    /// </summary>
    public static async Task<FaultReport> SlowStartAsync(HostState host, double seconds, CancellationToken ct)
    {
        var report = SetModes("broker-slow-start", host, m => m with { SlowStart = TimeSpan.FromSeconds(seconds) }, $"broker {host.Id} now takes {seconds} s of log recovery at each start after an unclean shutdown");
        var h = host.Layout;
        await Script(h.Script("kafka-server-stop.sh"), [], allowFailure: true, ct);
        File.Delete(Path.Combine(h.LogDir, LogDirs.LogManager.CleanShutdownFile));
        await Script(h.Script("kafka-server-start.sh"), ["-daemon"], allowFailure: false, ct);
        return report with { Summary = report.Summary + $"; restarted it without its clean-shutdown marker (pid {HostProcesses.ReadPid(h.BrokerPidFile)})" };
    }

    public static async Task Script(string script, string[] args, bool allowFailure, CancellationToken ct)
    {
        var (code, output) = await HostProcesses.RunAsync(script, args, TimeSpan.FromSeconds(60), ct);
        if (code != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{script} failed ({code}): {output.Trim()}");
        }
    }
}
