using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Tests.Probes.ZooKeeper;

/// <summary>Answers every session attempt with a fixed result and counts the attempts.</summary>
internal sealed class FakeSessionCheck(bool serving = true, string detail = "session 0x1 established") : IZooKeeperSessionCheck
{
    public int Calls { get; private set; }

    public Task<(bool Serving, string Detail)> TryAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult((serving, detail));
    }
}
