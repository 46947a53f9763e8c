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
    private readonly IRemediationAction _inner;
    private readonly ResiliencePipeline<ActionResult> _pipeline;
    private readonly TimeSpan _timeout;

    public ResilientAction(IRemediationAction inner, HealSettings heal, TimeProvider time, ILogger logger)
    {
        this._inner = inner;
        _timeout = heal.ActionTimeout;
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

        _pipeline = builder.AddTimeout(heal.ActionTimeout).Build();
    }

    public string Name => _inner.Name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async ct => await _inner.RunAsync(action, ct), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return ActionResult.Failed($"timed out after {_timeout.TotalSeconds:0} s");
        }
        catch (IOException ex)
        {
            return ActionResult.Failed(ex.Message);
        }
    }
}
