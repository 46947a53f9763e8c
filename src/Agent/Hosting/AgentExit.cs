namespace KafkaAgent.Hosting;

/// <summary>The exit code <c>run</c> returns once the host has stopped; components that stop the host on failure set it.</summary>
internal sealed class AgentExit
{
    private int _code;

    public int Code => Volatile.Read(ref _code);

    /// <summary>Records a failure; the first one wins because it is the cause of the rest.</summary>
    public void Fail(int code) => Interlocked.CompareExchange(ref _code, code, 0);
}
