namespace KafkaAgent.Platform.Linux;

/// <summary>
/// SysV init scripts through `service NAME status` and the LSB exit codes: 0 running; 1 and 2 dead while a
/// pidfile or lock remains (a crash); 3 not running (stopped cleanly); 4 unknown. Start and stop are
/// `service NAME start|stop`: the init script owns the graceful stop and any escalation, the agent waits for it
/// up to the stop timeout (and a little more for the script itself).
/// </summary>
internal sealed class SysVServiceManager(IProcessRunner runner, TimeSpan timeout) : IServiceManager
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(15);

    public string Kind => "sysv";

    public Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken) =>
        RunAsync(service, "start", StartTimeout, cancellationToken);

    public Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken) =>
        RunAsync(service, "stop", stopTimeout + StopMargin, cancellationToken);

    private async Task<ServiceActionResult> RunAsync(string service, string verb, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunAsync("service", [service, verb], limit, cancellationToken);
            var last = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            return new ServiceActionResult(result.ExitCode == 0, $"service {service} {verb}: exit {result.ExitCode} {last}".Trim());
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ServiceActionResult(false, $"service {service} {verb}: {ex.Message}");
        }
    }

    public async Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunAsync("service", [service, "status"], timeout, cancellationToken);
            var firstLine = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            var detail = $"service {service} status: exit {result.ExitCode} {firstLine}".Trim();
            var state = result.ExitCode switch
            {
                0 => ServiceState.Running,
                1 or 2 => ServiceState.Down,
                3 => ServiceState.StoppedByOperator,
                _ => ServiceState.Unknown,
            };
            return new ServiceStatus(state, null, detail);
        }
        catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ServiceStatus(ServiceState.Unknown, null, $"service {service} status: {ex.Message}");
        }
    }
}
