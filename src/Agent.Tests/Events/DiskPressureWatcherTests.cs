using KafkaAgent.Configuration;
using KafkaAgent.Events;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Events;

public sealed class DiskPressureWatcherTests : IDisposable
{
    private readonly HostFiles _host = new();
    private readonly FakeCycleTrigger _trigger = new();
    private readonly SettableStats _stats = new();

    public void Dispose() => _host.Dispose();

    private DiskPressureWatcher Watcher()
    {
        _host.WithServer().WithAgentYaml("disk:\n  high_ratio: 0.8\n  critical_ratio: 0.9\n", zookeeperProperties: false);
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());
        return new DiskPressureWatcher(settings, _stats, _trigger, new FakeTimeProvider(), NullLogger<DiskPressureWatcher>.Instance);
    }

    [Fact]
    public void CheckOnce_ClimbsHighThenCriticalThenFull_OneRequestPerLevel()
    {
        using var watcher = Watcher();

        _stats.Used = 0.5;
        Assert.False(watcher.CheckOnce());
        _stats.Used = 0.85;
        Assert.True(watcher.CheckOnce());
        Assert.True(watcher.CheckOnce());
        _stats.Used = 0.95;
        Assert.True(watcher.CheckOnce());
        _stats.Used = 1.0;
        Assert.True(watcher.CheckOnce());

        Assert.Equal([DetectionEvent.DiskUsage, DetectionEvent.DiskUsage, DetectionEvent.DiskUsage], _trigger.Requests);
    }

    [Fact]
    public void CheckOnce_FallsAndClimbsAgain_RequestsAgain()
    {
        using var watcher = Watcher();
        _stats.Used = 0.95;
        watcher.CheckOnce();
        _stats.Used = 0.3;
        Assert.False(watcher.CheckOnce());
        _stats.Used = 0.95;
        watcher.CheckOnce();

        Assert.Equal(2, _trigger.Requests.Count);
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
