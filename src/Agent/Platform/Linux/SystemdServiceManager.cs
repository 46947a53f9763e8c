using System.Globalization;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// systemd through `systemctl show`: ActiveState, SubState, Result and MainPID. An inactive unit whose
/// Result is success was stopped on purpose (systemctl stop, or a clean exit): never a fault.
/// Start and stop through `systemctl start|stop --no-block`, then watching the state: a unit still activating or
/// deactivating is systemd at work (it applies the unit's own TimeoutStartSec/TimeoutStopSec and escalation), so
/// that counts as success and the detail says so; the agent never signals a systemd unit's processes itself.
/// A unit left active (exited) by an init script whose daemon died is restarted instead of started.
/// </summary>
internal sealed class SystemdServiceManager(IProcessRunner runner, TimeSpan timeout, TimeProvider time) : IServiceManager
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StartWatch = TimeSpan.FromSeconds(30);

    public SystemdServiceManager(IProcessRunner runner, TimeSpan timeout)
        : this(runner, timeout, TimeProvider.System)
    {
    }

    public string Kind => "systemd";

    public async Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken)
    {
        // A unit systemd made from an init script without a pidfile (zookeeperd's, among others) has
        // RemainAfterExit=yes and no main pid: once the daemon it forked dies, it still reads active (exited), and a
        // start is a no-op. The caller starts only what its probe found down, so such a unit is restarted: the
        // script's stop, then its start.
        var before = await GetStatusAsync(service, cancellationToken);
        if (before.State == ServiceState.Running && RemainsAfterExit(before))
        {
            return await RestartExitedAsync(service, before, cancellationToken);
        }

        return await ActAsync(service, "start", StartWatch, ServiceState.Running, ServiceState.Starting, cancellationToken);
    }

    public Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken) =>
        ActAsync(service, "stop", stopTimeout, ServiceState.StoppedByOperator, ServiceState.Stopping, cancellationToken);

    /// <summary>Queues the job, then watches the unit for up to <paramref name="watch"/>: <paramref name="done"/> succeeds, <paramref name="onIt"/> at the end is systemd still at work.</summary>
    private async Task<ServiceActionResult> ActAsync(
        string service, string verb, TimeSpan watch, ServiceState done, ServiceState onIt, CancellationToken cancellationToken)
    {
        var unit = UnitName(service);
        try
        {
            var result = await runner.RunAsync("systemctl", [verb, "--no-block", unit], timeout, cancellationToken);
            if (result.ExitCode != 0)
            {
                return new ServiceActionResult(false, $"systemctl {verb} {unit}: exit {result.ExitCode}: {FirstLine(result.Output)}");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ServiceActionResult(false, $"systemctl {verb} {unit}: {ex.Message}");
        }

        var started = time.GetTimestamp();
        while (true)
        {
            var status = await GetStatusAsync(service, cancellationToken);
            if (status.State == done || (verb == "stop" && status.State == ServiceState.Down))
            {
                return new ServiceActionResult(true, $"systemctl {verb} {unit}: {status.Detail}");
            }

            var stillOnIt = status.State == onIt;
            if (time.GetElapsedTime(started) >= watch)
            {
                return stillOnIt
                    ? new ServiceActionResult(true, $"systemctl {verb} {unit}: systemd is on it ({status.Detail})")
                    : new ServiceActionResult(false, $"systemctl {verb} {unit}: {status.Detail} after {watch.TotalSeconds:0.#} s");
            }

            if (!stillOnIt && verb == "start" && status.State is ServiceState.Down or ServiceState.StoppedByOperator
                && time.GetElapsedTime(started) >= TimeSpan.FromSeconds(2))
            {
                // Failed at once (a broken config): say so now rather than after the whole watch.
                return new ServiceActionResult(false, $"systemctl {verb} {unit}: {status.Detail}");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>active (exited): the unit's start command ended and nothing of it is tracked as running.</summary>
    internal static bool RemainsAfterExit(ServiceStatus status) =>
        status.MainPid is null && status.Detail.Contains(" SubState=exited ", StringComparison.Ordinal);

    /// <summary>
    /// systemctl restart, waited for (its state after is active (exited) again either way, so only the job's end
    /// tells): an init script's stop and start return once the daemon is forked, within the start watch.
    /// </summary>
    private async Task<ServiceActionResult> RestartExitedAsync(string service, ServiceStatus before, CancellationToken cancellationToken)
    {
        var unit = UnitName(service);
        var why = $"{unit} read {before.Detail} with nothing running";
        try
        {
            var result = await runner.RunAsync("systemctl", ["restart", unit], StartWatch, cancellationToken);
            if (result.ExitCode != 0)
            {
                return new ServiceActionResult(false, $"systemctl restart {unit} ({why}): exit {result.ExitCode}: {FirstLine(result.Output)}");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ServiceActionResult(false, $"systemctl restart {unit} ({why}): {ex.Message}");
        }

        var after = await GetStatusAsync(service, cancellationToken);
        return new ServiceActionResult(after.State is ServiceState.Running or ServiceState.Starting,
            $"systemctl restart {unit} ({why}): {after.Detail}");
    }

    private static string FirstLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    private static string UnitName(string service) => service.Contains('.', StringComparison.Ordinal) ? service : service + ".service";

    public async Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken)
    {
        var unit = UnitName(service);
        ProcessResult result;
        try
        {
            result = await runner.RunAsync("systemctl",
                ["show", unit, "--property=LoadState,ActiveState,SubState,Result,MainPID"], timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ServiceStatus(ServiceState.Unknown, null, $"systemctl show {unit}: {ex.Message}");
        }

        return Interpret(unit, result);
    }

    internal static ServiceStatus Interpret(string unit, ProcessResult result)
    {
        var p = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        string Get(string key) => p.TryGetValue(key, out var v) ? v : "";
        if (result.ExitCode != 0 || Get("ActiveState").Length == 0)
        {
            return new ServiceStatus(ServiceState.Unknown, null, $"systemctl show {unit} failed: {result.Output.Trim()}");
        }

        var detail = $"ActiveState={Get("ActiveState")} SubState={Get("SubState")} Result={Get("Result")}";
        if (Get("LoadState") == "not-found")
        {
            return new ServiceStatus(ServiceState.Unknown, null, $"unit {unit} not found");
        }

        int? pid = int.TryParse(Get("MainPID"), NumberStyles.None, CultureInfo.InvariantCulture, out var mainPid) && mainPid > 0 ? mainPid : null;
        var state = Get("ActiveState") switch
        {
            "active" or "reloading" => ServiceState.Running,
            "activating" => ServiceState.Starting,
            "deactivating" => ServiceState.Stopping,
            "inactive" when Get("Result") == "success" => ServiceState.StoppedByOperator,
            "inactive" or "failed" => ServiceState.Down,
            _ => ServiceState.Unknown,
        };
        return new ServiceStatus(state, pid, detail);
    }
}
