namespace KafkaAgent.Coordination;

/// <summary>A Kafka process the agent watched until it exited, and the registration it held while it ran.</summary>
/// <param name="Pid">The process.</param>
/// <param name="Started">When it started (this host's clock, from /proc).</param>
/// <param name="Exited">When its pidfd reported the exit.</param>
/// <param name="Session">The ephemeral owner of /brokers/ids/&lt;id&gt; seen while it ran; null when never seen.</param>
/// <param name="RegisteredAt">That node's ctime.</param>
internal sealed record DeadBroker(int Pid, DateTimeOffset Started, DateTimeOffset Exited, long? Session, DateTimeOffset? RegisteredAt);

/// <summary>
/// What the agent knows first-hand about Kafka's process, for the delete strategy's proof: the pid it watched and
/// when that process started (the exit watcher), the registration seen while that process was alive (the cycle),
/// and the exit (the exit watcher again). Only a process the agent itself saw exit ever becomes a <see cref="DeadBroker"/>.
/// Thread-safe: the exit watcher's threads and the cycle write it.
/// </summary>
internal sealed class BrokerProcessLedger
{
    private readonly Lock _gate = new();
    private Life? _current;
    private DeadBroker? _dead;

    private sealed record Life(int Pid, DateTimeOffset Started, long? Session, DateTimeOffset? RegisteredAt);

    /// <summary>The last watched Kafka process that exited, until a new one is watched; null when none.</summary>
    public DeadBroker? LastDead
    {
        get
        {
            lock (_gate)
            {
                return _dead;
            }
        }
    }

    /// <summary>The exit watcher opened a pidfd on Kafka's process.</summary>
    public void Watching(int pid, DateTimeOffset started)
    {
        lock (_gate)
        {
            if (_current?.Pid == pid)
            {
                return;
            }
            _current = new Life(pid, started, null, null);
            // A new broker process runs: the previous one's registration is no longer this agent's to judge.
            _dead = null;
        }
    }

    /// <summary>
    /// The cycle read this broker's registration while Kafka's main pid was <paramref name="pid"/>; kept only for the
    /// watched process, still running, and for a node created after that process started (so not an older session's).
    /// </summary>
    public void SawRegistration(int pid, long session, DateTimeOffset registeredAt, TimeSpan skew)
    {
        lock (_gate)
        {
            if (_current is { } life && life.Pid == pid && registeredAt >= life.Started - skew)
            {
                _current = life with { Session = session, RegisteredAt = registeredAt };
            }
        }
    }

    /// <summary>The exit watcher saw the watched process exit.</summary>
    public void Exited(int pid, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_current is { } life && life.Pid == pid)
            {
                _dead = new DeadBroker(pid, life.Started, at, life.Session, life.RegisteredAt);
                _current = null;
            }
        }
    }
}
