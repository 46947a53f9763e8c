using KafkaAgent.Configuration;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace KafkaAgent.Remediation.Decorators;

/// <summary>
/// Runs an action through a Polly pipeline on the agent's TimeProvider: a retry (exponential backoff with jitter) of
/// attempts that failed for a transient reason or timed out, around a per-attempt timeout.
/// </summary>
internal sealed class ResilientAction : IRemediationAction
{
    private readonly IRemediationAction inner;
    private readonly ResiliencePipeline<ActionResult> pipeline;
    private readonly TimeSpan timeout;

    public ResilientAction(IRemediationAction inner, HealSettings heal, TimeProvider time, ILogger logger)
    {
        this.inner = inner;
        timeout = heal.ActionTimeout;
        var builder = new ResiliencePipelineBuilder<ActionResult> { TimeProvider = time };
        if (heal.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ActionResult>
            {
                MaxRetryAttempts = heal.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = heal.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: TimeoutRejectedException or IOException } => true,
                    { Result.Transient: true } => true,
                    _ => false,
                }),
                OnRetry = args =>
                {
                    Log.Retrying(logger, inner.Name, args.Outcome.Exception?.Message ?? args.Outcome.Result?.Detail ?? "", args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline = builder.AddTimeout(heal.ActionTimeout).Build();
    }

    public string Name => inner.Name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async ct => await inner.RunAsync(action, ct), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return ActionResult.Failed($"timed out after {timeout.TotalSeconds:0} s");
        }
        catch (IOException ex)
        {
            return ActionResult.Failed(ex.Message);
        }
    }
}
