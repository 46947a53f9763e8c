namespace KafkaAgent.Remediation.Decorators;

/// <summary>Counts every run by result and records its duration.</summary>
internal sealed class MetricsAction(IRemediationAction inner, RemediationMetrics metrics, TimeProvider time) : IRemediationAction
{
    public string Name => inner.Name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await inner.RunAsync(action, cancellationToken);
            succeeded = result.Succeeded;
            return result;
        }
        finally
        {
            metrics.Ran(Name, succeeded, time.GetElapsedTime(started));
        }
    }
}
