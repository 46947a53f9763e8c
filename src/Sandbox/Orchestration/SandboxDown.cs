using KafkaAgent.Sandbox.Native;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// `down`: ends every process and mount of the sandbox and deletes it. Works from the state file and,
/// should that be missing or stale after a crash, from /proc (command lines and mounts under the root).
/// Only a directory that `up` marked is touched (<see cref="SandboxMarker"/>); any other is refused whole.
/// </summary>
internal static class SandboxDown
{
    public static async Task RunAsync(string root, TextWriter report, CancellationToken ct)
    {
        root = Path.GetFullPath(root);
        if (!Path.Exists(root) && new FileInfo(root).LinkTarget is null)
        {
            report.WriteLine($"no sandbox at {root}: nothing to do");
            return;
        }
        if (!SandboxMarker.IsSandbox(root))
        {
            throw new InvalidOperationException(SandboxMarker.NotASandbox(root));
        }
        var state = SandboxState.Load(root);
        if (state is not null)
        {
            // Brokers first, gracefully (they deregister), then ZooKeeper.
            foreach (var host in state.Hosts)
            {
                await StopAsync("broker", host.Id, host.Layout.BrokerPidFile, report, ct);
            }
            foreach (var host in state.Hosts)
            {
                await StopAsync("ZooKeeper", host.Id, host.Layout.ZooKeeperPidFile, report, ct);
            }
        }
        foreach (var pid in HostProcesses.FindByArgument(root + "/").ToList())
        {
            HostProcesses.Signal(pid, LibC.SIGKILL);
            report.WriteLine($"killed leftover process {pid} (SIGKILL)");
        }
        foreach (var mount in SystemSetup.MountsUnder(root))
        {
            await SystemSetup.UnmountAsync(mount, ct);
            report.WriteLine($"unmounted {mount}");
        }
        var still = SystemSetup.MountsUnder(root);
        if (still.Count > 0)
        {
            throw new InvalidOperationException($"still mounted under {root}: {string.Join(", ", still)}; nothing deleted");
        }
        if (new DirectoryInfo(root) is { Exists: true, LinkTarget: null })
        {
            Directory.Delete(root, recursive: true);
            report.WriteLine($"removed {root}");
        }
    }

    private static async Task StopAsync(string what, int id, string pidFile, TextWriter report, CancellationToken ct)
    {
        if (HostProcesses.Running(pidFile) is not { } pid)
        {
            return;
        }
        HostProcesses.Signal(pid, LibC.SIGTERM);
        HostProcesses.Signal(pid, LibC.SIGCONT);
        if (await HostProcesses.WaitForExitAsync(pid, TimeSpan.FromSeconds(15), ct))
        {
            report.WriteLine($"stopped {what} {id} (pid {pid}, SIGTERM)");
            return;
        }
        HostProcesses.Signal(pid, LibC.SIGKILL);
        await HostProcesses.WaitForExitAsync(pid, TimeSpan.FromSeconds(10), ct);
        report.WriteLine($"killed {what} {id} (pid {pid}): no exit within 15 s of SIGTERM");
    }
}
