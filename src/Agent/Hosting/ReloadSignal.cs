using System.Runtime.InteropServices;

namespace KafkaAgent.Hosting;

/// <summary>
/// SIGHUP (<c>systemctl reload kafka-agent</c>): a request to re-read agent.yaml. Without this registration the
/// runtime's default would end the process. Several signals before the reload runs count as one.
/// </summary>
internal sealed class ReloadSignal : IDisposable
{
    private readonly SemaphoreSlim requests = new(0);
    private readonly PosixSignalRegistration? registration;

    public ReloadSignal()
    {
        if (!OperatingSystem.IsWindows())
        {
            registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                requests.Release();
            });
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await requests.WaitAsync(cancellationToken);
        while (requests.Wait(0, CancellationToken.None))
        {
        }
    }

    public void Dispose()
    {
        registration?.Dispose();
        requests.Dispose();
    }
}
