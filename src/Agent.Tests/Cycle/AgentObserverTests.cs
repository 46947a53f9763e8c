using KafkaAgent.Cycle;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Cycle;

public sealed class AgentObserverTests
{
    /// <summary>A probe that answers with fixed facts, or waits for the test, or honours cancellation only.</summary>
    private sealed class ScriptedProbe<T>(Func<CancellationToken, Task<T>> probe) : IProbe<T>
        where T : class
    {
        public Task<T> ProbeAsync(CancellationToken cancellationToken) => probe(cancellationToken);
    }

    private static ScriptedProbe<T> Returns<T>(T facts)
        where T : class => new ScriptedProbe<T>(_ => Task.FromResult(facts));

    [Fact]
    public async Task ObserveAsync_CancelledWhileAProbeStillRuns_ReturnsOnlyAfterThatProbeEnded()
    {
        var events = new List<string>();
        var zkCancelled = new TaskCompletionSource();
        var releaseDisk = new TaskCompletionSource();
        var zooKeeper = new ScriptedProbe<ZooKeeperFacts>(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => zkCancelled.SetResult(), TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
            return Observations.ZooKeeper;
        });
        // Ignores cancellation (as a statvfs on a hung NFS mount would) until the test lets it go.
        var disk = new ScriptedProbe<DiskFacts>(async _ =>
        {
            await releaseDisk.Task;
            lock (events)
            {
                events.Add("disk ended");
            }

            return Observations.Disk;
        });
        var observer = new AgentObserver(zooKeeper, Returns(Observations.Membership), Returns(Observations.Service),
            Returns(Observations.Api), disk, Returns(Observations.Ownership), TimeProvider.System);
        using var cts = new CancellationTokenSource();

        var observe = observer.ObserveAsync(cts.Token).ContinueWith(
            t =>
            {
                lock (events)
                {
                    events.Add("observe ended");
                }

                return t;
            },
            TaskScheduler.Default);
        await cts.CancelAsync();
        await zkCancelled.Task;
        await Task.Yield();
        releaseDisk.SetResult();
        var ended = await observe;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ended);
        Assert.Equal(["disk ended", "observe ended"], events);
    }

    [Fact]
    public async Task ObserveAsync_AllProbesAnswer_ReturnsEachProbesFacts()
    {
        var observer = new AgentObserver(Returns(Observations.ZooKeeper), Returns(Observations.Membership), Returns(Observations.Service),
            Returns(Observations.Api), Returns(Observations.Disk), Returns(Observations.Ownership), TimeProvider.System);

        var observation = await observer.ObserveAsync(CancellationToken.None);

        Assert.Equal(Observations.ZooKeeper, observation.ZooKeeper.Facts);
        Assert.Equal(Observations.Disk.Volumes, observation.Disk.Facts!.Volumes);
        Assert.Equal("kafka", observation.KafkaService.Facts!.Service);
    }
}
