namespace KafkaAgent.Remediation;

/// <summary>The result of one attempt of an action.</summary>
/// <param name="Transient">Worth retrying at once (a timeout, a busy service manager); a definitive failure is not.</param>
internal sealed record ActionResult(bool Succeeded, string Detail, bool Transient = false)
{
    public static ActionResult Ok(string detail) => new(true, detail);

    public static ActionResult Failed(string detail, bool transient = false) => new(false, detail, transient);
}

/// <summary>One runbook fix. The only code with side effects; each goes through a platform seam.</summary>
internal interface IRemediationAction
{
    /// <summary>An <see cref="ActionNames"/> name.</summary>
    string Name { get; }

    Task<ActionResult> RunAsync(PlannedAction action, CancellationToken cancellationToken);
}
