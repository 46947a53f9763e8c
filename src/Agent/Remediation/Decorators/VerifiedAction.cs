namespace KafkaAgent.Remediation.Decorators;

/// <summary>An action counts as a success only once the probes it affects see the fault gone.</summary>
internal sealed class VerifiedAction(IRemediationAction inner, IActionVerifier verifier) : IRemediationAction
{
    public string Name => inner.Name;

    public async Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken)
    {
        var result = await inner.RunAsync(action, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        var verified = await verifier.VerifyAsync(action, cancellationToken);
        return new ActionResult(verified.Healthy, $"{result.Detail}; {verified.Detail}");
    }
}
