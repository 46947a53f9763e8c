using KafkaAgent.Configuration;
using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Probes.Ownership;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Probes.Ownership;

public sealed class OwnershipMonitorTests : IDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);
    private readonly string _logDir = Directory.CreateTempSubdirectory("kafka-logs-").FullName;
    private readonly WallClockStepTimeProvider _time = new();

    private OwnershipMonitor NewMonitor()
    {
        var kafka = new KafkaSettings("/etc/kafka/server.properties", 1, [_logDir], new HostPort("127.0.0.1", 9092), [],
            "root", "root", 0, 0, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), new ServiceSettings("kafka", ServiceManagerKind.PidFile, "/run/kafka.pid", TimeSpan.FromSeconds(120), "kafka.Kafka",
                new ServiceScripts("/usr/local/kafka/bin/kafka-server-start.sh", "/etc/kafka/server.properties", "root", "root", 0, 0)),
            "/usr/local/kafka", "/usr/local/kafka/logs");
        // A tiny directory costs far less than the budget: the interval is the minimum.
        return new OwnershipMonitor(kafka, new OwnershipSettings(MinInterval, TimeSpan.FromHours(1), 0.005, 5), _time);
    }

    [Fact]
    public void Observe_WallClockSteppedBackAnHour_FullScanStillDueAfterTheInterval()
    {
        var monitor = NewMonitor();
        Assert.True(monitor.Observe().FullScan);

        _time.StepWallClock(TimeSpan.FromHours(-1));
        _time.Advance(MinInterval);

        Assert.True(monitor.Observe().FullScan);
    }

    [Fact]
    public void Observe_WallClockSteppedForwardAnHour_NoEarlyFullScan()
    {
        var monitor = NewMonitor();
        Assert.True(monitor.Observe().FullScan);

        _time.StepWallClock(TimeSpan.FromHours(1));
        _time.Advance(MinInterval / 2);

        Assert.False(monitor.Observe().FullScan);
    }

    [Fact]
    public void Observe_RequestFullScan_NextPassIsFull()
    {
        var monitor = NewMonitor();
        Assert.True(monitor.Observe().FullScan);
        Assert.False(monitor.Observe().FullScan);

        monitor.RequestFullScan();

        Assert.True(monitor.Observe().FullScan);
    }

    public void Dispose() => Directory.Delete(_logDir, recursive: true);

    /// <summary>
    /// A <see cref="FakeTimeProvider"/> whose wall clock can be stepped (NTP, an operator's `date -s`) while its
    /// monotonic timestamp moves only with <see cref="FakeTimeProvider.Advance"/>, as on a real host.
    /// </summary>
    private sealed class WallClockStepTimeProvider : FakeTimeProvider
    {
        private TimeSpan _step;

        public void StepWallClock(TimeSpan by) => _step += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _step;

        // FakeTimeProvider derives its timestamp from its clock (TimestampFrequency is ticks per second): keep it
        // on the unstepped one.
        public override long GetTimestamp() => base.GetUtcNow().UtcTicks;
    }
}
