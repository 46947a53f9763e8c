namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>The orchestrator verbs behind scripts/sandbox.</summary>
internal static class SandboxCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(64);
    }
}
