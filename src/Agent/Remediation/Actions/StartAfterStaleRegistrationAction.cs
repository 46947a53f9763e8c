using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Remediation.Actions;

/// <summary>
/// start_kafka under heal.stale_registration: delete. When the agent saw Kafka's process exit, the registration that
/// process left is deleted first (with /controller when the same dead session owns it), re-proven against the live
/// nodes and with versioned deletes; then Kafka starts at once instead of failing with NODEEXISTS. A node that
/// fails the proof now is left alone and Kafka is not started (the planner waits for it on the next cycle).
/// </summary>
internal sealed class StartAfterStaleRegistrationAction(
    IRemediationAction start,
    BrokerProcessLedger ledger,
    ZooKeeperClientOptions zooKeeper,
    int brokerId,
    ILogger logger) : IRemediationAction
{
    public string Name => start.Name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        if (ledger.LastDead is not { } dead)
        {
            return await start.RunAsync(action, cancellationToken);
        }

        StaleClearance cleared;
        try
        {
            await using var client = await ZooKeeperClient.ConnectAsync(zooKeeper, cancellationToken);
            cleared = await StaleRegistration.ClearAsync(client, brokerId, dead, StaleRegistration.Skew, cancellationToken);
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            return ActionResult.Failed($"not started: the stale registration could not be checked ({ex.Message})", transient: true);
        }

        if (cleared.Refused is { } why)
        {
            return ActionResult.Failed($"not started: {why}");
        }
        if (cleared.Registration || cleared.Controller)
        {
            Coordination.Log.StaleRegistrationDeleted(logger, StaleRegistration.Path(brokerId), cleared.Registration, cleared.Controller, dead.Session ?? 0, dead.Pid);
        }

        var result = await start.RunAsync(action, cancellationToken);
        return cleared.Registration
            ? result with { Detail = $"deleted the dead pid {dead.Pid}'s {StaleRegistration.Path(brokerId)}{(cleared.Controller ? " and /controller" : "")}; {result.Detail}" }
            : result;
    }
}
