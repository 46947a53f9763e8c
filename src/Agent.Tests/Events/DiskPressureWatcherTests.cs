using KafkaAgent.Configuration;
using KafkaAgent.Events;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Events;

public sealed class DiskPressureWatcherTests : IDisposable
{
    private readonly HostFiles host = new();
    private readonly FakeCycleTrigger trigger = new();
    private readonly SettableStats stats = new();

    public void Dispose() => host.Dispose();

    private DiskPressureWatcher Watcher()
    {
        host.WithServer().WithAgentYaml("disk:\n  high_ratio: 0.8\n  critical_ratio: 0.9\n", zookeeperProperties: false);
        var settings = AgentConfigurationLoader.Load(host.AgentYaml, new Dictionary<string, string?>());
        return new DiskPressureWatcher(settings, stats, trigger, new FakeTimeProvider(), NullLogger<DiskPressureWatcher>.Instance);
    }

    [Fact]
    public void CheckOnce_ClimbsHighThenCriticalThenFull_OneRequestPerLevel()
    {
        using var watcher = Watcher();

        stats.Used = 0.5;
        Assert.False(watcher.CheckOnce());
        stats.Used = 0.85;
        Assert.True(watcher.CheckOnce());
        Assert.True(watcher.CheckOnce());
        stats.Used = 0.95;
        Assert.True(watcher.CheckOnce());
        stats.Used = 1.0;
        Assert.True(watcher.CheckOnce());

        Assert.Equal([DetectionEvent.DiskUsage, DetectionEvent.DiskUsage, DetectionEvent.DiskUsage], trigger.Requests);
    }

    [Fact]
    public void CheckOnce_FallsAndClimbsAgain_RequestsAgain()
    {
        using var watcher = Watcher();
        stats.Used = 0.95;
        watcher.CheckOnce();
        stats.Used = 0.3;
        Assert.False(watcher.CheckOnce());
        stats.Used = 0.95;
        watcher.CheckOnce();

        Assert.Equal(2, trigger.Requests.Count);
    }

    private sealed class SettableStats : IFileSystemStats
    {
        public double Used { get; set; }

        public FileSystemUsage GetUsage(string path)
        {
            const ulong total = 1000;
            var used = (ulong)Math.Round(Used * total);
            return new FileSystemUsage(total, total - used, used, 100, 90);
        }
    }
}
