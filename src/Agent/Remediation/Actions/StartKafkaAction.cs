using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>kafka.down (not stopped by an operator): start the broker's service. The planner lets it run only once ZooKeeper answers, disk is below critical and ownership is clean.</summary>
internal sealed class StartKafkaAction(IServiceManager services, string service) : IRemediationAction
{
    public string Name => ActionNames.StartKafka;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var result = await services.StartAsync(service, cancellationToken);
        return new ActionResult(result.Succeeded, result.Detail);
    }
}
