using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

/// <summary>The gate seam of the cluster guard (<see cref="DisruptiveActionGate"/> through the session; fakes in tests).</summary>
internal interface IDisruptiveGate
{
    Task<GateOutcome> EnterAsync(DisruptiveRequest request, CancellationToken cancellationToken);
}

/// <summary>The gate's answer as the guard needs it: what to hold while acting (the lock), or the refusal.</summary>
/// <param name="Hold">Released after the action; null when refused.</param>
/// <param name="Reason">The refusal's skip reason label (mass_failure, lock, recovery, dependency, min_isr).</param>
internal sealed record GateOutcome(IAsyncDisposable? Hold, string? Reason, string Detail)
{
    public static GateOutcome From(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Lease, result.Reason, result.Detail);
    }
}

/// <summary><see cref="DisruptiveActionGate"/> on the agent's coordination session.</summary>
internal sealed class SessionGate(ICoordinationSession session, TimeProvider time, ILogger logger, LockHeldGauge? gauge) : IDisruptiveGate
{
    public async Task<GateOutcome> EnterAsync(DisruptiveRequest request, CancellationToken cancellationToken)
    {
        ZooKeeperClient client;
        try
        {
            client = await session.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new GateOutcome(null, DisruptiveActionGate.Lock, $"cluster lock not acquired: no ZooKeeper session ({ex.Message})");
        }

        return GateOutcome.From(await new DisruptiveActionGate(client, time, logger, gauge).EnterAsync(request, cancellationToken));
    }
}
