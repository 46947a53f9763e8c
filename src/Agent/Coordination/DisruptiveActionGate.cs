using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

/// <summary>
/// Every guard of a disruptive action, in order, for the plan runner: mass failure first (no queueing in the lock
/// while the cluster falls apart), then the cluster lock, then, holding it, the broker's log recovery, controller
/// last, and availability (read after the lock is held, so no other agent's action can change the ISR between the
/// check and the act), and a last check that the lock's session is still alive. A refusal after the lock was taken
/// releases it. Usage: <c>var gate = await EnterAsync(...); if (gate.Lease is { } lease) { await using (lease) { act } }
/// else skip(gate.Reason)</c>; before each further side effect, <c>await lease.VerifyAsync(...)</c>.
/// </summary>
internal sealed class DisruptiveActionGate(ZooKeeperClient client, TimeProvider time, ILogger logger, LockHeldGauge? gauge = null)
{
    public const string MassFailure = "mass_failure";
    public const string Lock = "lock";
    public const string Recovery = "recovery";
    public const string Dependency = "dependency";
    public const string MinIsr = "min_isr";

    public async Task<GateResult> EnterAsync(DisruptiveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mass = MassFailureRule.Evaluate(request.Health, request.MaxLostBrokers);
        if (mass.IsMassFailure)
        {
            return GateResult.Refused(MassFailure, mass.Reason);
        }

        LockLease? lease;
        try
        {
            lease = await new ClusterLock(client, time, logger, gauge: gauge).AcquireAsync(request.Owner, request.LockWait, cancellationToken);
        }
        catch (ZooKeeperException ex)
        {
            return GateResult.Refused(Lock, $"cluster lock not acquired: {ex.Message}");
        }

        if (lease is null)
        {
            var holder = await HolderAsync(cancellationToken);
            return GateResult.Refused(Lock, $"cluster lock busy for {request.LockWait.TotalSeconds:0.#} s{holder}");
        }

        try
        {
            var refusal = request.TakesBrokerDown ? await BrokerGuardsAsync(request, cancellationToken) : null;
            if (refusal is null && !await lease.VerifyAsync(cancellationToken))
            {
                refusal = GateResult.Refused(Lock, $"cluster lock lost: ZooKeeper session 0x{lease.SessionId:x} is no longer connected");
            }

            if (refusal is null)
            {
                return new GateResult(lease, null, $"cluster lock held ({lease.Path}); guards passed");
            }

            await lease.ReleaseAsync(cancellationToken);
            return refusal;
        }
        catch
        {
            await lease.ReleaseAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<GateResult?> BrokerGuardsAsync(DisruptiveRequest request, CancellationToken cancellationToken)
    {
        var brokerId = request.Owner.BrokerId;
        if (request.KafkaLogDir is { } logDir && ServerLogStartup.Read(logDir) is { InRecovery: true } startup)
        {
            return GateResult.Refused(Recovery, $"broker {brokerId} is loading its logs (server.log: {startup.Evidence})");
        }

        var controller = await ControllerReader.ReadAsync(client, cancellationToken);
        var queue = await ClusterLock.ReadAsync(client, cancellationToken);
        var others = ControllerOrder.WaitingForRestart(queue, brokerId);
        if (ControllerOrder.Decide(brokerId, controller, others, request.ControllerDeferredSince, time.GetUtcNow(), ControllerOrder.DefaultMaxDefer) == ControllerOrderDecision.Defer)
        {
            return GateResult.Refused(Dependency, $"broker {brokerId} is the controller; brokers {string.Join(',', others)} wait to restart first");
        }

        // A broker without its /brokers/ids node (a zombie) is dead to the controller: it serves no partition, and
        // where it is still named in an ISR it is the last member Kafka keeps for an offline partition, which only
        // this broker's restart can bring back. Taking it down cannot lower availability, so the rule does not apply.
        if (await client.ExistsAsync(StaleRegistration.Path(brokerId), cancellationToken: cancellationToken) is null)
        {
            return null;
        }

        var partitions = await new AvailabilityReader(client).ReadAsync(brokerId, request.ServerPropertiesMinIsr, cancellationToken);
        var verdict = AvailabilityRule.Evaluate(brokerId, partitions);
        return verdict.CanRestart ? null : GateResult.Refused(MinIsr, verdict.Describe());
    }

    private async Task<string> HolderAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await ClusterLock.ReadAsync(client, cancellationToken)).Holder?.Owner is { } o
                ? $"; held by {o.Host} (broker {o.BrokerId}) for {o.Action}"
                : "";
        }
        catch (ZooKeeperException)
        {
            return "";
        }
    }
}
