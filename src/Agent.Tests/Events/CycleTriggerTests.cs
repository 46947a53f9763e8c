using KafkaAgent.Events;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Events;

public sealed class CycleTriggerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TestMeterFactory _meters = new();
    private readonly CycleTrigger _trigger;
    private readonly MetricCollector<double> _latency;

    public CycleTriggerTests()
    {
        _trigger = new CycleTrigger(_time, _meters, NullLogger<CycleTrigger>.Instance);
        _latency = new MetricCollector<double>(_meters, KafkaAgent.Telemetry.AgentMetrics.MeterName, DetectionMetrics.LatencyName);
    }

    public void Dispose()
    {
        _latency.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task WaitAsync_BurstBeforeWait_OneWakeUpTakesEveryRequest()
    {
        var at = _time.GetTimestamp();
        _trigger.Request(DetectionEvent.KafkaExit, at);
        _trigger.Request(DetectionEvent.RegistrationLost, at);
        _trigger.Request(DetectionEvent.KafkaExit, at);

        await _trigger.WaitAsync(CancellationToken.None);
        var second = _trigger.WaitAsync(CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.Equal(["kafka_exit", "registration_lost"], _latency.GetMeasurementSnapshot().Select(m => (string)m.Tags["event"]!).Order());
    }

    [Fact]
    public void TakeForCycle_RequestDuringTheCycle_CancelsTheObservationToken()
    {
        var token = _trigger.TakeForCycle();
        Assert.False(token.IsCancellationRequested);

        _trigger.Request(DetectionEvent.SessionLost, _time.GetTimestamp());

        Assert.True(SpinWait.SpinUntil(() => token.IsCancellationRequested, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void TakeForCycle_PendingRequest_TakesItRecordsItsLatencyAndHandsAFreshToken()
    {
        var at = _time.GetTimestamp();
        _trigger.Request(DetectionEvent.ZooKeeperExit, at);
        _time.Advance(TimeSpan.FromMilliseconds(30));

        var token = _trigger.TakeForCycle();

        Assert.False(token.IsCancellationRequested);
        var measured = Assert.Single(_latency.GetMeasurementSnapshot());
        Assert.Equal("zookeeper_exit", measured.Tags["event"]);
        Assert.Equal(0.03, measured.Value, 3);
        // Taken: the idle wait after the cycle has nothing left to take.
        Assert.False(_trigger.WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_RequestWhileWaiting_Completes()
    {
        var waiting = _trigger.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _trigger.Request(DetectionEvent.DiskUsage, _time.GetTimestamp());

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("disk_usage", Assert.Single(_latency.GetMeasurementSnapshot()).Tags["event"]);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_TakesNothingAndNextWaitSeesLaterRequest()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _trigger.WaitAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Empty(_latency.GetMeasurementSnapshot());

        _trigger.Request(DetectionEvent.SessionLost, _time.GetTimestamp());
        await _trigger.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(_latency.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task WaitAsync_BurstOverTime_LatencyMeasuredFromFirstEventOfEachKind()
    {
        _trigger.Request(DetectionEvent.ZooKeeperExit, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(40));
        _trigger.Request(DetectionEvent.ZooKeeperExit, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(110));

        await _trigger.WaitAsync(CancellationToken.None);

        var m = Assert.Single(_latency.GetMeasurementSnapshot());
        Assert.Equal(0.150, m.Value, 6);
        Assert.Equal("zookeeper_exit", m.Tags["event"]);
    }

    [Fact]
    public async Task WhenCycleEndedAsync_CompletesAtTheNextWaitOnly()
    {
        var ended = _trigger.WhenCycleEndedAsync(CancellationToken.None);
        Assert.False(ended.IsCompleted);

        using var cancel = new CancellationTokenSource();
        var waiting = _trigger.WaitAsync(cancel.Token);

        await ended.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(_trigger.WhenCycleEndedAsync(CancellationToken.None).IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
