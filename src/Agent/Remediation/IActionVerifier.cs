namespace KafkaAgent.Remediation;

/// <param name="Detail">One line: what the re-run probes saw.</param>
internal sealed record VerifyResult(bool Healthy, string Detail);

/// <summary>After an action: re-runs only the probes that show whether it worked, within a bounded time.</summary>
internal interface IActionVerifier
{
    Task<VerifyResult> VerifyAsync(PlannedAction action, CancellationToken cancellationToken);
}
