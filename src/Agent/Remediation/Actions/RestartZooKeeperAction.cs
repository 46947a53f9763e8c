using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>zk.hung past tickTime x initLimit: a graceful stop (escalated by the service manager only after the stop timeout), then a start.</summary>
internal sealed class RestartZooKeeperAction(IServiceManager services, string service, TimeSpan stopTimeout) : IRemediationAction
{
    public string Name => ActionNames.RestartZooKeeper;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var stop = await services.StopAsync(service, stopTimeout, cancellationToken);
        if (!stop.Succeeded)
        {
            return ActionResult.Failed("stop: " + stop.Detail);
        }

        var start = await services.StartAsync(service, cancellationToken);
        return new ActionResult(start.Succeeded, $"stop: {stop.Detail}; start: {start.Detail}");
    }
}
