namespace KafkaAgent.Remediation;

/// <param name="Present">The fault the action was planned for is still there.</param>
/// <param name="Detail">One line: what the fresh look saw.</param>
internal sealed record RecheckResult(bool Present, string Detail);

/// <summary>
/// Looks once more, with fresh probes, at the fault a disruptive action was planned for, after its guards passed and
/// just before it runs. The plan rests on the cycle's observation, which can be many seconds old by then (probe
/// timeouts, the wait for the cluster lock): a ZooKeeper member that was frozen may be rejoining, a zombie broker may
/// have registered again. Restarting either then only adds an outage.
/// </summary>
internal interface IFaultRecheck
{
    Task<RecheckResult> RecheckAsync(PlannedAction action, CancellationToken cancellationToken);
}
