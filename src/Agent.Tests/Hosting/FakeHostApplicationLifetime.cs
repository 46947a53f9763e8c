using Microsoft.Extensions.Hosting;

namespace KafkaAgent.Tests.Hosting;

internal sealed class FakeHostApplicationLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public bool StopRequested { get; private set; }

    public void StopApplication() => StopRequested = true;
}
