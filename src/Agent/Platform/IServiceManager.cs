namespace KafkaAgent.Platform;

/// <summary>What a service manager says about one service.</summary>
/// <param name="Detail">Its own words, e.g. "ActiveState=failed SubState=failed Result=exit-code".</param>
internal sealed record ServiceStatus(ServiceState State, int? MainPid, string Detail);

/// <summary>
/// The service-manager seam: systemd, SysV init scripts, a pidfile written by a start script, or Windows'
/// Service Control Manager. Reads only; starting and stopping come with remediation.
/// </summary>
internal interface IServiceManager
{
    /// <summary>systemd, sysv, pidfile.</summary>
    string Kind { get; }

    /// <summary>Never throws for an unknown or failed service: that is a <see cref="ServiceState"/>.</summary>
    Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken);

    // Starting and stopping: a manager without its own implementation fails every call and says so, so the
    // action is recorded as failed rather than done.
    Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken) =>
        Task.FromResult(new ServiceActionResult(false, $"starting {service} through {Kind} is not available on this build"));

    Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken) =>
        Task.FromResult(new ServiceActionResult(false, $"stopping {service} through {Kind} is not available on this build"));
}
