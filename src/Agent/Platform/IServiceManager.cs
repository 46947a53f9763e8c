namespace KafkaAgent.Platform;

/// <summary>What a service manager says about one service.</summary>
/// <param name="Detail">Its own words, e.g. "ActiveState=failed SubState=failed Result=exit-code".</param>
internal sealed record ServiceStatus(ServiceState State, int? MainPid, string Detail);

/// <summary>What a start or stop did.</summary>
/// <param name="Detail">One journal line: what was run and what came of it.</param>
internal sealed record ServiceActionResult(bool Succeeded, string Detail);

/// <summary>
/// The service-manager seam: systemd, SysV init scripts, the runbook's own start and stop scripts (with or without
/// a pidfile), or Windows' Service Control Manager.
/// </summary>
internal interface IServiceManager
{
    /// <summary>systemd, sysv, pidfile, script, scm.</summary>
    string Kind { get; }

    /// <summary>Never throws for an unknown or failed service: that is a <see cref="ServiceState"/>.</summary>
    Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the service (nothing to do when it runs). A manager already starting it (systemd activating) counts
    /// as success, and the detail says so; the caller verifies that it came up.
    /// </summary>
    Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the service gracefully (SIGTERM or the manager's own stop), waiting up to <paramref name="stopTimeout"/>;
    /// only after that is the verified service process killed, or, under a manager that escalates by itself (systemd),
    /// left to it, and the detail says which.
    /// </summary>
    Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken);
}
