using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>
/// restart_kafka (a zombie or unresponsive broker) and restart_zookeeper (zk.hung past tickTime x initLimit): a graceful
/// stop, so Kafka's controlled shutdown moves leadership away and writes its clean-shutdown marker (the manager escalates
/// only after the stop timeout: never SIGKILL while a graceful stop will do), then a start.
/// </summary>
internal sealed class RestartServiceAction(string name, IServiceManager services, string service, TimeSpan stopTimeout) : IRemediationAction
{
    public string Name => name;

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
