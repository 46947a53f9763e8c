using KafkaAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Remediation.Decorators;

/// <summary>Wraps a bare action the same way every time: logging, metrics, verification, then Polly around the action itself.</summary>
internal static class ActionPipeline
{
    public static IRemediationAction Decorate(
        IRemediationAction action, IActionVerifier verifier, RemediationMetrics metrics, HealSettings heal, TimeProvider time, ILogger logger) =>
        new LoggingAction(new MetricsAction(new VerifiedAction(new ResilientAction(action, heal, time, logger), verifier), metrics, time), logger, time);
}
