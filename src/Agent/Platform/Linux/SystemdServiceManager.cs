using System.Globalization;

namespace KafkaAgent.Platform.Linux;

/// <summary>
/// systemd through `systemctl show`: ActiveState, SubState, Result and MainPID. An inactive unit whose
/// Result is success was stopped on purpose (systemctl stop, or a clean exit): never a fault.
/// </summary>
internal sealed class SystemdServiceManager(IProcessRunner runner, TimeSpan timeout) : IServiceManager
{
    public string Kind => "systemd";

    public async Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken)
    {
        var unit = service.Contains('.', StringComparison.Ordinal) ? service : service + ".service";
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
