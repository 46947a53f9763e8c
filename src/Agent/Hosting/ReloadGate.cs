namespace KafkaAgent.Hosting;

/// <summary>
/// Shared by every host a <c>kafka-agent run</c> process builds: a cycle holds the gate while it runs, and a reload
/// takes it before the running host stops, so a reload waits for the cycle in flight instead of cancelling it and
/// the next configuration's first cycle cannot start while the last one of the old is still running.
/// </summary>
internal sealed class ReloadGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>True while a reload replaces the host: its stop is not the service stopping.</summary>
    public bool InProgress { get; private set; }

    public Task EnterCycleAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    public void ExitCycle() => _gate.Release();

    /// <summary>Waits for the cycle in flight to end and keeps the next one from starting until the returned handle is disposed.</summary>
    public async Task<IDisposable> PauseCyclesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        InProgress = true;
        return new Paused(this);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Paused(ReloadGate owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.InProgress = false;
                owner._gate.Release();
            }
        }
    }
}
