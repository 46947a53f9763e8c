namespace KafkaAgent.Cycle;

/// <summary>One pass of the agent's loop: observe, diagnose, plan, act, verify, record.</summary>
/// <remarks>The daemon's worker calls it on the configured interval; the <c>check</c> verb calls it once.</remarks>
internal interface IAgentCycle
{
    Task<CycleResult> RunOnceAsync(CancellationToken cancellationToken);
}
