using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>zk.down on a host that runs ZooKeeper: start its service.</summary>
internal sealed class StartZooKeeperAction(IServiceManager services, string service) : IRemediationAction
{
    public string Name => ActionNames.StartZooKeeper;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var result = await services.StartAsync(service, cancellationToken);
        return new ActionResult(result.Succeeded, result.Detail);
    }
}
