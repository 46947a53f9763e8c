using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>
/// start_kafka (kafka.down, not an operator's stop) and start_zookeeper (zk.down): start the service through its
/// manager. The planner lets start_kafka run only once ZooKeeper answers, disk is below critical and ownership is clean.
/// </summary>
internal sealed class StartServiceAction(string name, IServiceManager services, string service) : IRemediationAction
{
    public string Name => name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var result = await services.StartAsync(service, cancellationToken);
        return new ActionResult(result.Succeeded, result.Detail);
    }
}
