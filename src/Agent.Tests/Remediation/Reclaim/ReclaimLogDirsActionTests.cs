using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Remediation;
using KafkaAgent.Remediation.Actions;
using KafkaAgent.Remediation.Reclaim;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace KafkaAgent.Tests.Remediation.Reclaim;

public sealed class ReclaimLogDirsActionTests : IDisposable
{
    private const string LogDir = "/var/kafka";
    private const long MiB = 1 << 20;
    private static readonly PlannedAction Planned = new(ActionNames.ReclaimLogDirs, LogDir, "disk.critical (/var/kafka)", true, []);

    private readonly List<string> _calls = [];
    private readonly FakeLogger _logger = new();
    private readonly TestMeterFactory _meters = new();
    private readonly Queue<ReplicaView> _views = new();
    private FileSystemUsage _usage = new(100 * MiB, 2 * MiB, 98 * MiB, 1000, 900);

    private static ReplicaView View(params PartitionReplicas[] partitions) => new(1, partitions, new HashSet<int> { 1, 2, 3 });

    private static PartitionReplicas Replicas(string topic, int[] replicas, int[] isr) => new(topic, 0, replicas, isr, 1);

    private ReclaimLogDirsAction Action() => new(
        new Services(_calls), "kafka", TimeSpan.FromSeconds(120),
        new Directories(_calls, [new("big-0", 30 * MiB), new("mid-0", 20 * MiB), new("solo-0", 40 * MiB), new("lost+found", 50 * MiB)]),
        new FakeReplicaReader(_views), new Disk(() => _usage), new DiskSettings(0.85, 0.95), 1, [LogDir], new RemediationMetrics(_meters), _logger);

    [Fact]
    public async Task RunAsync_BelowCriticalAlready_NeitherStopsNorDeletes()
    {
        _usage = new FileSystemUsage(100 * MiB, 10 * MiB, 90 * MiB, 1000, 900);

        var result = await Action().RunAsync(Planned, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task RunAsync_OnlyCopiesHere_FailsWithoutStoppingKafka()
    {
        _views.Enqueue(View(Replicas("big", [1], [1]), Replicas("mid", [1, 2], [1]), Replicas("solo", [1], [1])));

        var result = await Action().RunAsync(Planned, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("nothing in /var/kafka may be deleted", result.Detail, StringComparison.Ordinal);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task RunAsync_ReplicatedPartitions_StopsDeletesLargestEligibleUntilBelowHighThenStarts()
    {
        // 98 MiB used of 100: 13 MiB must go to reach 85 %. solo-0 is bigger but the only copy.
        var view = View(Replicas("big", [1, 2, 3], [1, 2, 3]), Replicas("mid", [2, 1], [2, 1]), Replicas("solo", [1], [1]));
        _views.Enqueue(view);
        _views.Enqueue(view);

        var result = await Action().RunAsync(Planned, CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(["stop kafka", "delete big-0", "start kafka"], _calls);
        Assert.Contains("deleted 1 partition (big-0;", result.Detail, StringComparison.Ordinal);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains("deleted partition big-0 from /var/kafka", StringComparison.Ordinal)
            && r.Message.Contains("in sync on broker 2,3", StringComparison.Ordinal));
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains("kept partition solo-0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_IsrShrankWhileKafkaStopped_DecidesAgainDeletesNothingAndStartsKafka()
    {
        _views.Enqueue(View(Replicas("big", [1, 2], [1, 2])));
        _views.Enqueue(View(Replicas("big", [1, 2], [1])));

        var result = await Action().RunAsync(Planned, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(["stop kafka", "start kafka"], _calls);
        Assert.Contains("not in the ISR", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotAConfiguredLogDir_Refused()
    {
        var result = await Action().RunAsync(Planned with { Target = "/etc" }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(_calls);
    }

    public void Dispose() => _meters.Dispose();

    private sealed class Services(List<string> calls) : IServiceManager
    {
        public string Kind => "fake";

        public Task<ServiceStatus> GetStatusAsync(string service, CancellationToken cancellationToken) =>
            Task.FromResult(new ServiceStatus(ServiceState.Running, 4242, "running"));

        public Task<ServiceActionResult> StartAsync(string service, CancellationToken cancellationToken)
        {
            calls.Add("start " + service);
            return Task.FromResult(new ServiceActionResult(true, "started"));
        }

        public Task<ServiceActionResult> StopAsync(string service, TimeSpan stopTimeout, CancellationToken cancellationToken)
        {
            calls.Add("stop " + service);
            return Task.FromResult(new ServiceActionResult(true, "stopped on SIGTERM"));
        }
    }

    private sealed class Directories(List<string> calls, IReadOnlyList<LogDirEntry> entries) : IPartitionDirectories
    {
        public IReadOnlyList<LogDirEntry> List(string logDir, CancellationToken cancellationToken) => entries;

        public DeleteDirectoryResult Delete(string logDir, string name, CancellationToken cancellationToken)
        {
            calls.Add("delete " + name);
            return new DeleteDirectoryResult(3, entries.Single(e => e.Name == name).Bytes, null);
        }
    }

    private sealed class FakeReplicaReader(Queue<ReplicaView> views) : IReplicaReader
    {
        public Task<ReplicaView> ReadAsync(int brokerId, CancellationToken cancellationToken) => Task.FromResult(views.Dequeue());
    }

    private sealed class Disk(Func<FileSystemUsage> usage) : IFileSystemStats
    {
        public FileSystemUsage GetUsage(string path) => usage();
    }
}
