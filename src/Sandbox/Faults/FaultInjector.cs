using System.Globalization;
using KafkaAgent.Sandbox.Native;
using KafkaAgent.Sandbox.Orchestration;

namespace KafkaAgent.Sandbox.Faults;

/// <summary>Injects one named fault into a running sandbox and records it in faults.log.</summary>
internal static class FaultInjector
{
    public static readonly IReadOnlyList<(string Name, string Help)> Catalog =
    [
        ("zk-kill", "SIGKILL the ZooKeeper of --host N"),
        ("zk-stop", "SIGSTOP the ZooKeeper of --host N (accepts connections, answers nothing)"),
        ("zk-resume", "SIGCONT it again"),
        ("zk-standalone", "restart the ZooKeeper of --host N without its ensemble config"),
        ("broker-kill", "SIGKILL the broker of --host N"),
        ("broker-stop", "SIGSTOP the broker of --host N"),
        ("broker-resume", "SIGCONT it again"),
        ("broker-zombie", "the broker drops its ZooKeeper session and stays up unregistered"),
        ("broker-hung", "the broker's listener accepts and reads but never answers"),
        ("broker-slow-start", "restart the broker uncleanly with --seconds S of log recovery (again at every start after an unclean shutdown)"),
        ("broker-normal", "clear the broker's zombie/hung/slow-start modes"),
        ("chown", "--files N (default 3) or --all of the log dir to --owner USER (default root); plants a symlink pointing outside"),
        ("disk-fill", "fill the host's disk (log dir and logs/ share it) to --percent P (default 100: writes fail with ENOSPC) --with segments (default) or app-logs (hourly server.log parts)"),
    ];

    public static async Task<FaultReport> InjectAsync(SandboxState state, FaultRequest request, CancellationToken ct)
    {
        var host = state.HostById(request.Host);
        var h = host.Layout;
        var report = request.Name switch
        {
            "zk-kill" => await ProcessFaults.KillAsync(request.Name, host, "ZooKeeper", h.ZooKeeperPidFile, ct),
            "zk-stop" => ProcessFaults.Signal(request.Name, host, "ZooKeeper", h.ZooKeeperPidFile, LibC.SIGSTOP, "SIGSTOP"),
            "zk-resume" => ProcessFaults.Signal(request.Name, host, "ZooKeeper", h.ZooKeeperPidFile, LibC.SIGCONT, "SIGCONT"),
            "zk-standalone" => await ProcessFaults.ZooKeeperStandaloneAsync(host, ct),
            "broker-kill" => await ProcessFaults.KillAsync(request.Name, host, "broker", h.BrokerPidFile, ct),
            "broker-stop" => ProcessFaults.Signal(request.Name, host, "broker", h.BrokerPidFile, LibC.SIGSTOP, "SIGSTOP"),
            "broker-resume" => ProcessFaults.Signal(request.Name, host, "broker", h.BrokerPidFile, LibC.SIGCONT, "SIGCONT"),
            "broker-zombie" => ProcessFaults.SetModes(request.Name, host, m => m with { Zombie = true }, $"broker {host.Id} closes its ZooKeeper session and stays up without registering"),
            "broker-hung" => ProcessFaults.SetModes(request.Name, host, m => m with { Hung = true }, $"broker {host.Id} stops answering on 127.0.0.1:{host.BrokerPort}"),
            "broker-normal" => ProcessFaults.SetModes(request.Name, host, _ => Broker.FaultModes.None, $"broker {host.Id} back to normal"),
            "broker-slow-start" => await ProcessFaults.SlowStartAsync(host, request.Seconds, ct),
            "chown" => FileFaults.Chown(state, host, request.Files, request.All, request.Owner),
            "disk-fill" => FileFaults.DiskFill(state, host, request.Percent, request.With),
            _ => throw new ArgumentException($"unknown fault '{request.Name}'; known: {string.Join(", ", Catalog.Select(c => c.Name))}"),
        };
        await File.AppendAllTextAsync(state.Layout.FaultLog,
            $"{TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)} {report.Fault} host-{report.Host}: {report.Summary}\n", ct);
        return report;
    }
}
