using KafkaAgent.Remediation;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Coordination;

/// <summary>
/// start_kafka after a crash: the dead broker's /brokers/ids/&lt;id&gt; stays until its session expires, and a Kafka
/// 2.x broker started before then fails with NODEEXISTS and exits. start_kafka is planned only while the broker is
/// down, so a node found then is stale (or another host's with the same id): wait for its deletion with an exists
/// watch (<see cref="StaleRegistration.WaitForDeletionAsync"/>), bounded by the broker's session timeout plus a
/// margin, then start. Replaced by another session: refuse, a second broker with this id must not start. Without a
/// ZooKeeper session the start goes ahead (a broker that cannot register fails on its own, as before).
/// </summary>
internal sealed class StaleRegistrationWait(
    IRemediationAction start,
    ICoordinationSession session,
    int brokerId,
    TimeSpan brokerSessionTimeout,
    TimeProvider time,
    ILogger logger) : IRemediationAction
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    public string Name => start.Name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        try
        {
            var client = await session.GetAsync(cancellationToken);
            var stat = await client.ExistsAsync(StaleRegistration.Path(brokerId), cancellationToken: cancellationToken);
            if (stat is not null)
            {
                var bound = brokerSessionTimeout + Margin;
                Log.StaleRegistrationWaiting(logger, brokerId, stat.EphemeralOwner, bound.TotalSeconds);
                var outcome = await StaleRegistration.WaitForDeletionAsync(client, brokerId, stat.EphemeralOwner, bound, time, cancellationToken);
                if (outcome == StaleWaitOutcome.Replaced)
                {
                    return ActionResult.Failed($"/brokers/ids/{brokerId} was registered by another session while the broker here is down: not starting a second broker {brokerId}");
                }

                if (outcome == StaleWaitOutcome.TimedOut)
                {
                    return ActionResult.Failed($"/brokers/ids/{brokerId} of session 0x{stat.EphemeralOwner:x} still there after {bound.TotalSeconds:0} s", transient: true);
                }
            }
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.StaleRegistrationUnknown(logger, brokerId, ex.Message);
        }

        return await start.RunAsync(action, cancellationToken);
    }
}
