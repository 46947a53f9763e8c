namespace KafkaAgent.Platform.Linux;

/// <summary>
/// SysV init scripts through `service NAME status` and the LSB exit codes: 0 running; 1 and 2 dead while a
/// pidfile or lock remains (a crash); 3 not running (stopped cleanly); 4 unknown.
/// </summary>
internal sealed class SysVServiceManager(IProcessRunner runner, TimeSpan timeout) : IServiceManager
{
    public string Kind => "sysv";

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
