using System.Text;
using System.Text.Json;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Orchestration;
using KafkaAgent.Sandbox.Watch;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Tests.Integration;

/// <summary>`watch` against a real one-broker sandbox: what it records each interval and the summary it ends with.</summary>
[Trait("Category", "Integration")]
[Collection("OneBroker")]
public sealed class WatcherTests(OneBrokerSandbox sandbox)
{
    [Fact]
    public async Task Run_LockQueueWithTwoContenders_RecordsBrokersIsrAndHolderThenSummarises()
    {
        var dir = Directory.CreateTempSubdirectory("kafka-sandbox-watch-");
        var outFile = Path.Combine(dir.FullName, "watch.jsonl");
        var summaryFile = Path.Combine(dir.FullName, "summary.json");
        await using var zk = await SandboxUp.ConnectAsync(sandbox.State, CancellationToken.None);
        await ZooKeeperPaths.EnsurePersistentAsync(zk, WatchReader.LockQueue, CancellationToken.None);
        var first = await zk.CreateAsync(WatchReader.LockQueue + "/lock-aa-",
            Encoding.UTF8.GetBytes("""{"host":"host-1","broker_id":1,"action":"restart_kafka","requested_at_ms":1}"""), CreateMode.EphemeralSequential);
        await zk.CreateAsync(WatchReader.LockQueue + "/lock-bb-",
            Encoding.UTF8.GetBytes("""{"host":"host-2","broker_id":2,"action":"restart_zookeeper","requested_at_ms":2}"""), CreateMode.EphemeralSequential);
        var text = new StringWriter();

        var summary = await new ZooKeeperWatcher(sandbox.State, new WatchOptions(outFile, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), summaryFile), TimeProvider.System)
            .RunAsync(text, CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(outFile);
        Assert.InRange(lines.Length, 3, 25);
        var sample = JsonSerializer.Deserialize(lines[^1], WatchJson.Default.WatchSample)!;
        Assert.Null(sample.Error);
        Assert.Equal([1], sample.Brokers);
        Assert.Contains(sample.Partitions, p => p.Topic == "payments" && p.Leader == 1 && p.Isr.SequenceEqual([1]) && p.MinIsr == 2);
        Assert.Contains(sample.Partitions, p => p.Topic != "payments" && p.MinIsr == 1);
        Assert.Equal([("host-1", "restart_kafka"), ("host-2", "restart_zookeeper")], sample.Locks.Select(l => (l.Host!, l.Action!)).ToArray());
        var holder = Assert.Single(summary.Holders);
        Assert.Equal((first[(first.LastIndexOf('/') + 1)..], "host-1"), (holder.Node, holder.Host!));
        Assert.Equal(1, summary.MaxConcurrentHolders);
        Assert.Equal(lines.Length, summary.Samples);
        Assert.Contains("host-1 (broker 1) restart_kafka", text.ToString(), StringComparison.Ordinal);
        var written = JsonSerializer.Deserialize(await File.ReadAllTextAsync(summaryFile), WatchJson.Default.WatchSummary)!;
        Assert.Equal(summary.Samples, written.Samples);
        await zk.DeleteAsync(WatchReader.LockQueue + "/" + holder.Node, -1);
    }
}
