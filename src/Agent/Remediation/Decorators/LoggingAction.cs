using Microsoft.Extensions.Logging;

namespace KafkaAgent.Remediation.Decorators;

/// <summary>One journal line when an action starts and one with its outcome.</summary>
internal sealed class LoggingAction(IRemediationAction inner, ILogger logger, TimeProvider time) : IRemediationAction
{
    public string Name => inner.Name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        Log.ActionStarting(logger, action.Action, action.Target, action.Finding);
        var started = time.GetTimestamp();
        ActionResult? result = null;
        try
        {
            result = await inner.RunAsync(action, cancellationToken);
            return result;
        }
        finally
        {
            var seconds = time.GetElapsedTime(started).TotalSeconds;
            if (result is { Succeeded: true })
            {
                Log.ActionSucceeded(logger, action.Action, action.Target, seconds, result.Detail);
            }
            else
            {
                Log.ActionFailed(logger, action.Action, action.Target, seconds, result?.Detail ?? "cancelled or threw");
            }
        }
    }
}
