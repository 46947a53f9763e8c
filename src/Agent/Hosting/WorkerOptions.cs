namespace KafkaAgent.Hosting;

/// <summary>How often the daemon runs a cycle and how long one cycle may take.</summary>
internal sealed class WorkerOptions
{
    /// <summary>Time between the starts of two cycles. A cycle that overruns delays the next; missed slots are skipped.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A cycle still running after this long is cancelled, and the watchdog stops being fed for it:
    /// a cycle that ignores cancellation is a wedged loop, and systemd restarts the agent.
    /// </summary>
    public TimeSpan CycleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
