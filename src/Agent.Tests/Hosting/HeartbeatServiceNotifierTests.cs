using KafkaAgent.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Hosting;

public sealed class HeartbeatServiceNotifierTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<HeartbeatServiceNotifier> _logger = new();
    private readonly FakeServiceNotifier _inner = new();

    private HeartbeatServiceNotifier Create() => new(_inner, _time, _logger);

    private string[] Beats() => _logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Information).Select(r => r.Message).ToArray();

    [Fact]
    public void Status_HealthyEveryCycle_OneInfoLineEveryFiveMinutes()
    {
        var notifier = Create();

        for (var cycle = 0; cycle < 60; cycle++)
        {
            notifier.Status("OK: 7 checks passed");
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        // 600 s of cycles: beats at 0 s and 300 s.
        Assert.Equal(["alive: OK: 7 checks passed", "alive: OK: 7 checks passed"], Beats());
        Assert.Equal(60, _inner.All.Count(e => e.StartsWith("STATUS=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Status_Problem_NoBeatThenBackToOkBeatsAtOnce()
    {
        var notifier = Create();
        notifier.Status("OK: 7 checks passed");
        _time.Advance(TimeSpan.FromSeconds(10));

        notifier.Status("CRITICAL: kafka.down: Kafka service kafka is not running");
        _time.Advance(TimeSpan.FromSeconds(10));
        notifier.Status("OK: 7 checks passed");

        Assert.Equal(2, Beats().Length);
        Assert.DoesNotContain(Beats(), b => b.Contains("CRITICAL", StringComparison.Ordinal));
    }
}
