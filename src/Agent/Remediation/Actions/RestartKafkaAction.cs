using KafkaAgent.Platform;

namespace KafkaAgent.Remediation.Actions;

/// <summary>
/// A zombie (running, not registered) or unresponsive broker: a graceful stop, so that Kafka's controlled shutdown
/// moves leadership away and writes its clean-shutdown marker (never SIGKILL while a graceful stop will do), then a start.
/// </summary>
internal sealed class RestartKafkaAction(IServiceManager services, string service, TimeSpan stopTimeout) : IRemediationAction
{
    public string Name => ActionNames.RestartKafka;

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
