using System.Diagnostics.Metrics;
using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Coordination;

[Trait("Category", "Integration")]
public sealed class LockHeldGaugeTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    [Fact]
    public async Task LockHeld_AcquireReleaseAndSessionExpiry_OneOnlyWhileHeld()
    {
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var gauge = new LockHeldGauge(meters);
        using var collector = new MetricCollector<long>(meters, "KafkaAgent", LockHeldGauge.Name);
        long Now()
        {
            collector.RecordObservableInstruments();
            return collector.LastMeasurement!.Value;
        }

        var connect = fixture.Ensemble.ConnectionString + await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "gauge");
        var client = await ZooKeeperTestRoot.ConnectAsync(connect);
        var owner = new LockOwner("h1", 1, "restart_kafka", 0);
        var before = Now();

        var lease = await new ClusterLock(client, TimeProvider.System, NullLogger.Instance, gauge: gauge).AcquireAsync(owner, TimeSpan.FromSeconds(30), CancellationToken.None);
        var held = Now();
        await lease!.ReleaseAsync();
        var released = Now();
        var again = await new ClusterLock(client, TimeProvider.System, NullLogger.Instance, gauge: gauge).AcquireAsync(owner, TimeSpan.FromSeconds(30), CancellationToken.None);
        var heldAgain = Now();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        again!.Lost.Register(() => lost.TrySetResult());
        await ZooKeeperTestRoot.ExpireAsync(fixture.Ensemble.ConnectionString, client);
        await lost.Task.WaitAsync(ZooKeeperTestRoot.EventTimeout);
        var afterExpiry = Now();

        Assert.Equal([0L, 1L, 0L, 1L, 0L], [before, held, released, heldAgain, afterExpiry]);
        await client.DisposeAsync();
    }
}
