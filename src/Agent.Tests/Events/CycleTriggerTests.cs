using KafkaAgent.Events;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Events;

public sealed class CycleTriggerTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly TestMeterFactory meters = new();
    private readonly CycleTrigger trigger;
    private readonly MetricCollector<double> latency;

    public CycleTriggerTests()
    {
        trigger = new CycleTrigger(time, meters, NullLogger<CycleTrigger>.Instance);
        latency = new MetricCollector<double>(meters, KafkaAgent.Telemetry.AgentMetrics.MeterName, DetectionMetrics.LatencyName);
    }

    public void Dispose()
    {
        latency.Dispose();
        meters.Dispose();
    }

    [Fact]
    public async Task WaitAsync_BurstBeforeWait_OneWakeUpTakesEveryRequest()
    {
        var at = time.GetTimestamp();
        trigger.Request(DetectionEvent.KafkaExit, at);
        trigger.Request(DetectionEvent.RegistrationLost, at);
        trigger.Request(DetectionEvent.KafkaExit, at);

        await trigger.WaitAsync(CancellationToken.None);
        var second = trigger.WaitAsync(CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.Equal(["kafka_exit", "registration_lost"], latency.GetMeasurementSnapshot().Select(m => (string)m.Tags["event"]!).Order());
    }

    [Fact]
    public void TakeForCycle_RequestDuringTheCycle_CancelsTheObservationToken()
    {
        var token = trigger.TakeForCycle();
        Assert.False(token.IsCancellationRequested);

        trigger.Request(DetectionEvent.SessionLost, time.GetTimestamp());

        Assert.True(SpinWait.SpinUntil(() => token.IsCancellationRequested, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void TakeForCycle_PendingRequest_TakesItRecordsItsLatencyAndHandsAFreshToken()
    {
        var at = time.GetTimestamp();
        trigger.Request(DetectionEvent.ZooKeeperExit, at);
        time.Advance(TimeSpan.FromMilliseconds(30));

        var token = trigger.TakeForCycle();

        Assert.False(token.IsCancellationRequested);
        var measured = Assert.Single(latency.GetMeasurementSnapshot());
        Assert.Equal("zookeeper_exit", measured.Tags["event"]);
        Assert.Equal(0.03, measured.Value, 3);
        // Taken: the idle wait after the cycle has nothing left to take.
        Assert.False(trigger.WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_RequestWhileWaiting_Completes()
    {
        var waiting = trigger.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        trigger.Request(DetectionEvent.DiskUsage, time.GetTimestamp());

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("disk_usage", Assert.Single(latency.GetMeasurementSnapshot()).Tags["event"]);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_TakesNothingAndNextWaitSeesLaterRequest()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = trigger.WaitAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Empty(latency.GetMeasurementSnapshot());

        trigger.Request(DetectionEvent.SessionLost, time.GetTimestamp());
        await trigger.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(latency.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task WaitAsync_BurstOverTime_LatencyMeasuredFromFirstEventOfEachKind()
    {
        trigger.Request(DetectionEvent.ZooKeeperExit, time.GetTimestamp());
        time.Advance(TimeSpan.FromMilliseconds(40));
        trigger.Request(DetectionEvent.ZooKeeperExit, time.GetTimestamp());
        time.Advance(TimeSpan.FromMilliseconds(110));

        await trigger.WaitAsync(CancellationToken.None);

        var m = Assert.Single(latency.GetMeasurementSnapshot());
        Assert.Equal(0.150, m.Value, 6);
        Assert.Equal("zookeeper_exit", m.Tags["event"]);
    }

    [Fact]
    public async Task WhenCycleEndedAsync_CompletesAtTheNextWaitOnly()
    {
        var ended = trigger.WhenCycleEndedAsync(CancellationToken.None);
        Assert.False(ended.IsCompleted);

        using var cancel = new CancellationTokenSource();
        var waiting = trigger.WaitAsync(cancel.Token);

        await ended.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(trigger.WhenCycleEndedAsync(CancellationToken.None).IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
