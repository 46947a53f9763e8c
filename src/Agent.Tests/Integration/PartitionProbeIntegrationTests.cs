using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Tests.Integration;

/// <summary>Partition state under a chroot in a real ZooKeeper, in the znode formats Kafka's controller writes.</summary>
[Trait("Category", "Integration")]
public sealed class PartitionProbeIntegrationTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>, IAsyncLifetime, IDisposable
{
    private readonly HostFiles _host = new();
    private KafkaChroot _zk = null!;

    public async Task InitializeAsync()
    {
        _zk = await KafkaChroot.CreateAsync(fixture.Ensemble.ConnectionString, "/brokers", "/brokers/ids", "/brokers/topics", "/config", "/config/topics");
        for (var id = 1; id <= 3; id++)
        {
            await Create($"/brokers/ids/{id}",
                $$"""{"endpoints":["PLAINTEXT://127.0.0.1:{{9091 + id}}"],"port":{{9091 + id}},"host":"127.0.0.1","version":4,"timestamp":"1700000000000"}""",
                CreateMode.Ephemeral);
        }
    }

    private Task<string> Create(string path, string json, CreateMode mode = CreateMode.Persistent) => _zk.CreateAsync(path, json, mode);

    private async Task Topic(string name, params (int[] Replicas, int Leader, int[] Isr)[] partitions)
    {
        var assignment = string.Join(',', partitions.Select((p, i) => $"\"{i}\":[{string.Join(',', p.Replicas)}]"));
        await Create($"/brokers/topics/{name}", "{\"version\":2,\"partitions\":{" + assignment + "},\"adding_replicas\":{},\"removing_replicas\":{}}");
        await Create($"/brokers/topics/{name}/partitions", "");
        for (var i = 0; i < partitions.Length; i++)
        {
            await Create($"/brokers/topics/{name}/partitions/{i}", "");
            await Create($"/brokers/topics/{name}/partitions/{i}/state",
                $$"""{"controller_epoch":3,"leader":{{partitions[i].Leader}},"version":1,"leader_epoch":7,"isr":[{{string.Join(',', partitions[i].Isr)}}]}""");
        }
    }

    private MembershipProbe Probe(int maxPartitions = PartitionFacts.MaxPartitionsPerCycle, string serverExtra = "")
    {
        _host.WithServer(brokerId: 1, zookeeperConnect: _zk.Connect, listenerPort: 9092, extra: serverExtra)
            .WithAgentYaml("cluster:\n  expected_brokers: 3\n", zookeeperProperties: false);
        return new MembershipProbe(AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>()), maxPartitions: maxPartitions);
    }

    [Fact]
    public async Task Probe_KafkaPartitionState_OfflineUnderReplicatedUnderMinIsrNamed()
    {
        await Create("/controller", """{"version":1,"brokerid":2,"timestamp":"1700000000000"}""", CreateMode.Ephemeral);
        await Topic("orders", ([1, 2, 3], 1, [1, 2, 3]), ([2, 3, 1], -1, [2]), ([3, 1, 2], 3, [3]));
        await Topic("payments", ([1, 2, 3], 2, [2, 3]));
        await Create("/config/topics/orders", """{"version":1,"config":{"min.insync.replicas":"2"}}""");
        await using var probe = Probe();

        var facts = (await probe.ProbeAsync(CancellationToken.None)).Partitions!;
        var (summary, findings) = PartitionRules.Evaluate(facts, 3);

        Assert.Null(facts.Detail);
        Assert.Equal((2, 4, 2), (facts.Topics, facts.Read, facts.Controller!.Value));
        Assert.Equal(["orders-1"], facts.Offline.Select(p => p.Name));
        Assert.Equal(["orders-2"], facts.UnderMinIsr.Select(p => p.Name));
        Assert.Equal(["orders-2", "payments-0"], facts.UnderReplicated.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal([FindingIds.ClusterOfflinePartitions, FindingIds.ClusterUnderMinIsr, FindingIds.ClusterUnderReplicated], findings.Select(f => f.Id));
        Assert.Contains("orders-2 (ISR 1 < 2)", findings[1].Summary, StringComparison.Ordinal);
        Assert.Contains("controller broker 2", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ServerMinIsr_AppliesWithoutTopicOverride()
    {
        await Create("/controller", """{"version":1,"brokerid":1,"timestamp":"1700000000000"}""", CreateMode.Ephemeral);
        await Topic("payments", ([1, 2, 3], 2, [2]));
        await using var probe = Probe(serverExtra: "min.insync.replicas=2");

        var facts = (await probe.ProbeAsync(CancellationToken.None)).Partitions!;

        Assert.Equal(["payments-0"], facts.UnderMinIsr.Select(p => p.Name));
    }

    [Fact]
    public async Task Probe_MoreThanTheCap_ReadsInTurnAndSaysCapped()
    {
        await Create("/controller", """{"version":1,"brokerid":1,"timestamp":"1700000000000"}""", CreateMode.Ephemeral);
        await Topic("a", ([1], 1, [1]), ([1], -1, [1]), ([1], 1, [1]));
        await Topic("b", ([1], -1, [1]), ([1], 1, [1]));
        await using var probe = Probe(maxPartitions: 4);

        var first = (await probe.ProbeAsync(CancellationToken.None)).Partitions!;
        var second = (await probe.ProbeAsync(CancellationToken.None)).Partitions!;

        Assert.Equal((3, true, "a-1"), (first.Read, first.Capped, first.Offline.Single().Name));
        Assert.Equal((2, true, "b-0"), (second.Read, second.Capped, second.Offline.Single().Name));
    }

    [Fact]
    public async Task Probe_NoControllerWithBrokersRegistered_MissingForAtLeastTheGrace()
    {
        await using var probe = Probe();

        var facts = (await probe.ProbeAsync(CancellationToken.None)).Partitions!;

        Assert.Null(facts.Controller);
        Assert.True(facts.ControllerMissingFor >= PartitionReader.ControllerGrace, facts.ControllerMissingFor.ToString());
        Assert.Contains(FindingIds.ClusterNoController, PartitionRules.Evaluate(facts, 3).Findings.Select(f => f.Id));
    }

    public async Task DisposeAsync() => await _zk.DisposeAsync();

    public void Dispose() => _host.Dispose();
}
