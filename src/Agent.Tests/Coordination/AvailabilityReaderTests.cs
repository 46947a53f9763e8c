using System.Text;
using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Tests.Coordination;

/// <summary>The reader against a real ZooKeeper holding znodes in Kafka 2.8's exact JSON (kafka.zk.ZkData).</summary>
[Trait("Category", "Integration")]
public sealed class AvailabilityReaderTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    private static async Task PutAsync(ZooKeeperClient zk, string path, string json)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            current += "/" + parts[i];
            if (await zk.ExistsAsync(current) is null)
            {
                await zk.CreateAsync(current, ReadOnlyMemory<byte>.Empty);
            }
        }

        await zk.CreateAsync(path, Encoding.UTF8.GetBytes(json));
    }

    private static Task TopicAsync(ZooKeeperClient zk, string topic, string partitions) =>
        PutAsync(zk, $"/brokers/topics/{topic}",
            """{"version":3,"topic_id":"q2rBQ4UuT4mtq7qNSN5DeQ","partitions":{""" + partitions + """},"adding_replicas":{},"removing_replicas":{}}""");

    private static Task StateAsync(ZooKeeperClient zk, string topic, int partition, int leader, string isr) =>
        PutAsync(zk, $"/brokers/topics/{topic}/partitions/{partition}/state",
            $$"""{"controller_epoch":3,"leader":{{leader}},"version":1,"leader_epoch":5,"isr":[{{isr}}]}""");

    private static Task ConfigAsync(ZooKeeperClient zk, string path, string minIsr) =>
        PutAsync(zk, path, "{\"version\":1,\"config\":{\"min.insync.replicas\":\"" + minIsr + "\",\"retention.ms\":\"604800000\"}}");

    /// <summary>A client under a chroot of the test's own, so tests sharing the server see no one else's topics.</summary>
    private async Task<ZooKeeperClient> ConnectUnderNewRootAsync(string name) =>
        await ZooKeeperTestRoot.ConnectAsync(fixture.Ensemble.ConnectionString + await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, name));

    [Fact]
    public async Task ReadAsync_KafkaZNodes_AssignmentIsrAndMinIsrByPrecedence()
    {
        await using var zk = await ConnectUnderNewRootAsync("avail");
        // orders: topic override 2. logs: no override, the broker's dynamic config 3 beats <default> 2.
        await TopicAsync(zk, "orders", "\"0\":[1,2,3],\"1\":[2,3,1],\"2\":[2,3,4]");
        await StateAsync(zk, "orders", 0, 1, "1,2,3");
        await StateAsync(zk, "orders", 1, 2, "2,1");
        await StateAsync(zk, "orders", 2, 2, "2,3,4");
        await ConfigAsync(zk, "/config/topics/orders", "2");
        await TopicAsync(zk, "logs", "\"0\":[3,1,2]");
        await StateAsync(zk, "logs", 0, 3, "3,1,2");
        await ConfigAsync(zk, "/config/brokers/1", "3");
        await ConfigAsync(zk, "/config/brokers/<default>", "2");
        // fresh: assigned, no state node yet, override 2.
        await TopicAsync(zk, "fresh", "\"0\":[1,2,3]");
        await ConfigAsync(zk, "/config/topics/fresh", "2");

        var partitions = await new AvailabilityReader(zk).ReadAsync(1, serverPropertiesMinIsr: 1, CancellationToken.None);
        var verdict = AvailabilityRule.Evaluate(1, partitions);

        Assert.Equal(["fresh-0", "logs-0", "orders-0", "orders-1"], partitions.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        var byName = partitions.ToDictionary(p => p.ToString());
        Assert.Equal([2, 3, 1], byName["orders-1"].Replicas);
        Assert.Equal([2, 1], byName["orders-1"].Isr);
        Assert.Equal(2, byName["orders-1"].MinIsr);
        Assert.Equal(3, byName["logs-0"].MinIsr);
        Assert.Equal(2, byName["fresh-0"].MinIsr);
        Assert.Empty(byName["fresh-0"].Isr);
        // orders-1 sits at min ISR with broker 1 in it; fresh-0 has no ISR; logs-0 has RF 3 = min 3 so never blocks.
        Assert.Equal(["fresh-0", "orders-1"], verdict.Blocking.Select(b => $"{b.Topic}-{b.Partition}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_NoDynamicConfig_ServerPropertiesThenKafkaDefault()
    {
        await using var zk = await ConnectUnderNewRootAsync("availdefault");
        await TopicAsync(zk, "t", "\"0\":[1,2]");
        await StateAsync(zk, "t", 0, 1, "1,2");

        var fromServer = await new AvailabilityReader(zk).ReadAsync(1, serverPropertiesMinIsr: 2, CancellationToken.None);
        var fromDefault = await new AvailabilityReader(zk).ReadAsync(1, serverPropertiesMinIsr: null, CancellationToken.None);

        Assert.Equal(2, fromServer.Single().MinIsr);
        Assert.Equal(1, fromDefault.Single().MinIsr);
        Assert.True(AvailabilityRule.Evaluate(1, fromServer).CanRestart); // RF 2 = min 2: never blocks
        Assert.True(AvailabilityRule.Evaluate(1, fromDefault).CanRestart); // broker 2 stays in the ISR
    }

    [Fact]
    public async Task ReadAsync_StateNotKafkaJson_FormatErrorNamesPath()
    {
        await using var zk = await ConnectUnderNewRootAsync("availbad");
        await TopicAsync(zk, "t", "\"0\":[1,2,3]");
        await PutAsync(zk, "/brokers/topics/t/partitions/0/state", """{"leader":1}""");

        var error = await Assert.ThrowsAsync<FormatException>(() => new AvailabilityReader(zk).ReadAsync(1, null, CancellationToken.None));

        Assert.StartsWith("/brokers/topics/t/partitions/0/state: not Kafka's JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NoTopics_Empty()
    {
        await using var zk = await ConnectUnderNewRootAsync("availnone");

        Assert.Empty(await new AvailabilityReader(zk).ReadAsync(1, null, CancellationToken.None));
    }
}
