using KafkaAgent.Configuration;
using KafkaAgent.Remediation;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

/// <summary>
/// The daemon's guard of every disruptive action in heal mode: mass failure (read now, through the ensemble), then
/// the cluster lock, then, holding it, log recovery, controller last and min-ISR availability
/// (<see cref="DisruptiveActionGate"/>). An allowed action gets the held lock as its lease; the runner releases it
/// after the action and its verification. Each decision is one journal line; refusals become skips.
/// </summary>
internal sealed class ClusterDisruptiveGuard(
    AgentSettings settings,
    IDisruptiveGate gate,
    IClusterHealthReader health,
    TimeProvider time,
    ILogger<ClusterDisruptiveGuard> logger,
    string host) : IDisruptiveGuard
{
    /// <summary>
    /// How long a contender waits in the lock queue before it gives up for this cycle (skip reason lock; the next
    /// cycle queues again). Long enough for one broker's restart and verification ahead of it.
    /// </summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>reclaim_log_dirs takes the broker down too; named here so the guard needs no other change for it.</summary>
    private const string ReclaimLogDirs = "reclaim_log_dirs";

    private DateTimeOffset? _controllerDeferredSince;
    private int? _serverMinIsr;
    private bool _serverMinIsrRead;

    public async Task<GuardLease> EnterAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (settings.Mode == AgentMode.Observe)
        {
            return GuardLease.Deny(SkipReason.Observe, "mode: observe");
        }

        if (action.Action == ActionNames.RestartZooKeeper && IsStandaloneZooKeeper(settings.ZooKeeper))
        {
            // The only ZooKeeper of the cluster is this host's: when it hangs the control plane is already down, the
            // lock lives in it and no other agent can coordinate, so its restart (after its grace) cannot make the
            // cluster worse; the quorum it would read as lost is this very server.
            Log.GuardsPassed(logger, action.Action, action.Target, "standalone ZooKeeper: no ensemble to coordinate with");
            return GuardLease.Allow("standalone ZooKeeper: no ensemble to coordinate with", null);
        }

        var facts = await health.ReadAsync(cancellationToken);
        var mass = MassFailureRule.Evaluate(facts, settings.Heal.MassFailureBrokers);
        if (mass.IsMassFailure)
        {
            // Checked here as well as in the gate: without a quorum there is no session to build the gate on.
            return GuardLease.Deny(SkipReason.MassFailure, mass.Reason);
        }

        var owner = new LockOwner(host, settings.Kafka.BrokerId, action.Action, time.GetUtcNow().ToUnixTimeMilliseconds());
        var takesBrokerDown = action.Action is ActionNames.RestartKafka or ReclaimLogDirs;
        var request = new DisruptiveRequest(owner, LockWait, takesBrokerDown, facts, settings.Heal.MassFailureBrokers,
            ServerMinIsr(), settings.Kafka.AppLogDir, _controllerDeferredSince);
        GateOutcome result;
        try
        {
            result = await gate.EnterAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return GuardLease.Deny(SkipReason.Lock, $"cluster guards could not read ZooKeeper: {ex.Message}");
        }

        if (result.Hold is { } lease)
        {
            _controllerDeferredSince = null;
            Log.GuardsPassed(logger, action.Action, action.Target, result.Detail);
            return GuardLease.Allow(result.Detail, lease);
        }

        var reason = ReasonOf(result.Reason);
        if (reason == SkipReason.Dependency)
        {
            _controllerDeferredSince ??= time.GetUtcNow();
        }

        return GuardLease.Deny(reason, result.Detail);
    }

    /// <summary>This host runs the cluster's only ZooKeeper: no ensemble in its config, and Kafka connects to one server.</summary>
    internal static bool IsStandaloneZooKeeper(ZooKeeperSettings zooKeeper) =>
        zooKeeper.LocalServer is { ExpectsEnsemble: false } && zooKeeper.Connect.Hosts.Count == 1;

    internal static SkipReason ReasonOf(string? gateReason) => gateReason switch
    {
        DisruptiveActionGate.MassFailure => SkipReason.MassFailure,
        DisruptiveActionGate.Recovery => SkipReason.Recovery,
        DisruptiveActionGate.Dependency => SkipReason.Dependency,
        DisruptiveActionGate.MinIsr => SkipReason.MinIsr,
        _ => SkipReason.Lock,
    };

    /// <summary>min.insync.replicas in server.properties, read once (the broker reads it only at start too).</summary>
    private int? ServerMinIsr()
    {
        if (!_serverMinIsrRead)
        {
            try
            {
                _serverMinIsr = AvailabilityReader.ServerPropertiesMinIsr(settings.Kafka.ServerProperties);
            }
            catch (ConfigurationException ex)
            {
                // Unreadable here means the topic and broker configs in ZooKeeper decide, then Kafka's default.
                Log.ServerMinIsrUnreadable(logger, ex.Message);
            }

            _serverMinIsrRead = true;
        }

        return _serverMinIsr;
    }
}
