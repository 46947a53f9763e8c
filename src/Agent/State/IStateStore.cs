namespace KafkaAgent.State;

/// <summary>The persisted <see cref="AgentState"/>, shared by the daemon and the CLI (which may run at the same time).</summary>
internal interface IStateStore
{
    /// <summary>Reads the current state; a missing file is a fresh state, a corrupt one is set aside (see <see cref="AgentState.DisruptiveHeldReason"/>).</summary>
    AgentState Load();

    /// <summary>Reads, applies <paramref name="change"/> and writes, holding the lock throughout, so no writer's change is lost.</summary>
    /// <returns>The state as written.</returns>
    AgentState Update(Func<AgentState, AgentState> change);
}
