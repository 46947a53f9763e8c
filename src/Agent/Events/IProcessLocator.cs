namespace KafkaAgent.Events;

/// <summary>Where a watched service's main process is, and how to tell it is really that service.</summary>
internal interface IProcessLocator
{
    /// <summary>"kafka", "zookeeper": for logs.</summary>
    string Service { get; }

    /// <summary>The event a process exit is reported as.</summary>
    DetectionEvent ExitEvent { get; }

    /// <summary>True when a command line is this service's (see <see cref="ProcessIdentity"/>).</summary>
    bool Identifies(IReadOnlyList<string> commandLine);

    /// <summary>The candidate main pid, or null with a reason when there is none to watch now.</summary>
    Task<ProcessCandidate> LocateAsync(CancellationToken cancellationToken);
}

/// <param name="Pid">Null when no process is running (or none could be found).</param>
/// <param name="Trusted">True for systemd's MainPID (systemd tracks the process itself); false for a pid read from
/// a file or found by a scan, which must pass the command-line check after the pidfd is open.</param>
/// <param name="Source">"systemd MainPID", "pidfile /run/kafka.pid", "/proc scan": for logs.</param>
internal sealed record ProcessCandidate(int? Pid, bool Trusted, string Source);
