using System.Runtime.InteropServices;

namespace KafkaAgent.Hosting;

/// <summary>
/// SIGHUP (<c>systemctl reload kafka-agent</c>): a request to re-read agent.yaml. Without this registration the
/// runtime's default would end the process. Several signals before the reload runs count as one.
/// </summary>
internal sealed class ReloadSignal : IDisposable
{
    private readonly SemaphoreSlim _requests = new(0);
    private readonly PosixSignalRegistration? _registration;

    public ReloadSignal()
    {
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _requests.Release();
            });
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _requests.WaitAsync(cancellationToken);
        while (_requests.Wait(0, CancellationToken.None))
        {
        }
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _requests.Dispose();
    }
}
