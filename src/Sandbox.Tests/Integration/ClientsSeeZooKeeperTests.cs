using System.Net.Sockets;
using System.Text.Json;
using Confluent.Kafka;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Orchestration;
using KafkaAgent.Sandbox.Protocol;
using KafkaAgent.Sandbox.Tests.Protocol;

namespace KafkaAgent.Sandbox.Tests.Integration;

/// <summary>What Kafka clients and ZooKeeper readers see of a healthy 3-broker sandbox.</summary>
[Trait("Category", "Integration")]
[Collection("ThreeBrokers")]
public sealed class ClientsSeeZooKeeperTests(ThreeBrokerSandbox sandbox) : IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.WaitHealthyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Registration_BrokerIdsZnode_KafkaJsonFormat()
    {
        await using var zk = await SandboxUp.ConnectAsync(sandbox.State, CancellationToken.None);
        var host = sandbox.State.HostById(2);

        var node = await zk.GetDataAsync(KafkaZNodes.BrokerPath(2));
        using var doc = JsonDocument.Parse(node.Data);
        var root = doc.RootElement;

        Assert.NotEqual(0, node.Stat.EphemeralOwner);
        Assert.Equal(5, root.GetProperty("version").GetInt32());
        Assert.Equal("127.0.0.1", root.GetProperty("host").GetString());
        Assert.Equal(host.BrokerPort, root.GetProperty("port").GetInt32());
        Assert.Equal([$"PLAINTEXT://127.0.0.1:{host.BrokerPort}"], root.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("PLAINTEXT", root.GetProperty("listener_security_protocol_map").GetProperty("PLAINTEXT").GetString());
        Assert.Equal(-1, root.GetProperty("jmx_port").GetInt32());
        Assert.True(long.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 1_600_000_000_000);
        using var controller = JsonDocument.Parse((await zk.GetDataAsync(KafkaZNodes.Controller)).Data);
        Assert.Equal(1, controller.RootElement.GetProperty("version").GetInt32());
        Assert.Contains(controller.RootElement.GetProperty("brokerid").GetInt32(), new[] { 1, 2, 3 });
        using var state = JsonDocument.Parse((await zk.GetDataAsync(KafkaZNodes.PartitionStatePath("orders", 0))).Data);
        Assert.Equal(["controller_epoch", "leader", "version", "leader_epoch", "isr"], state.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task TopicConfig_WrittenAtCreation_KafkaJsonWithPaymentsAtMinIsrTwo()
    {
        await using var zk = await SandboxUp.ConnectAsync(sandbox.State, CancellationToken.None);

        var payments = await zk.GetDataAsync(KafkaZNodes.TopicConfigPath("payments"));
        var orders = await zk.GetDataAsync(KafkaZNodes.TopicConfigPath("orders"));

        Assert.Equal("""{"version":1,"config":{"min.insync.replicas":"2"}}""", System.Text.Encoding.UTF8.GetString(payments.Data));
        Assert.Equal("""{"version":1,"config":{}}""", System.Text.Encoding.UTF8.GetString(orders.Data));
        Assert.All((await sandbox.SnapshotAsync()).Topics.Single(t => t.Name == "payments").Partitions, p => Assert.Equal(3, p.Replicas.Count));
    }

    [Fact]
    public void ZooKeeperData_EveryEnsembleMember_MoreThanThreeSnapshotsAndTransactionLogs()
    {
        foreach (var host in sandbox.State.Hosts)
        {
            var (snapshots, logs) = ZooKeeperHistory.Count(host.Layout.ZooKeeperVersionDir);

            Assert.True(snapshots > 3 && logs > 3, $"host-{host.Id}: {snapshots} snapshot(s), {logs} transaction log(s) in {host.Layout.ZooKeeperVersionDir}");
        }
    }

    [Fact]
    public async Task ConfluentAdmin_GetMetadata_ListsTopicsLeadersAndIsrFromZooKeeper()
    {
        var snapshot = await sandbox.SnapshotAsync();
        using var admin = new AdminClientBuilder(new AdminClientConfig
        {
            BootstrapServers = $"127.0.0.1:{sandbox.State.HostById(1).BrokerPort}",
            SocketTimeoutMs = 10000,
        }).Build();

        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(20));

        Assert.Equal([1, 2, 3], metadata.Brokers.Select(b => b.BrokerId).Order());
        Assert.Equal(sandbox.State.HostById(3).BrokerPort, metadata.Brokers.Single(b => b.BrokerId == 3).Port);
        foreach (var topic in snapshot.Topics)
        {
            var seen = metadata.Topics.Single(t => t.Topic == topic.Name);
            Assert.Equal(topic.Partitions.Count, seen.Partitions.Count);
            foreach (var p in topic.Partitions)
            {
                var sp = seen.Partitions.Single(x => x.PartitionId == p.Partition);
                Assert.Equal(p.State!.Leader, sp.Leader);
                Assert.Equal(p.Replicas, sp.Replicas);
                Assert.Equal(p.State.Isr, sp.InSyncReplicas);
            }
        }
    }

    [Fact]
    public async Task Kcat_ListMetadata_ListsTopicsLeadersAndIsrFromZooKeeper()
    {
        var snapshot = await sandbox.SnapshotAsync();

        var (code, output) = await HostProcesses.RunAsync("kcat", ["-L", "-b", $"127.0.0.1:{sandbox.State.HostById(2).BrokerPort}", "-m", "15"], TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(code == 0, output);
        Assert.Contains(" 3 brokers:", output, StringComparison.Ordinal);
        Assert.Contains($"broker 3 at 127.0.0.1:{sandbox.State.HostById(3).BrokerPort}", output, StringComparison.Ordinal);
        foreach (var topic in snapshot.Topics)
        {
            Assert.Contains($"topic \"{topic.Name}\" with {topic.Partitions.Count} partitions:", output, StringComparison.Ordinal);
            foreach (var p in topic.Partitions)
            {
                Assert.Contains($"partition {p.Partition}, leader {p.State!.Leader}, replicas: {string.Join(",", p.Replicas)}, isrs: {string.Join(",", p.State.Isr)}", output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ApiVersions_NewerVersionOverTcp_DowngradeDanceAsLibrdkafkaDoesIt()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", sandbox.State.HostById(1).BrokerPort);

        var tooNew = await RoundTripAsync(socket, 18, 7, w => w.String("librdkafka", true).String("9.9", true).NoTaggedFields());
        var range = Assert.Single(ResponseReader.ReadApiVersions(tooNew, 0).Ranges);
        Assert.Equal((short)KafkaAgent.Sandbox.Protocol.ErrorCode.UnsupportedVersion, ResponseReader.ReadApiVersions(tooNew, 0).Error);
        var retry = await RoundTripAsync(socket, 18, range.MaxVersion, w => w.String("librdkafka", true).String("9.9", true).NoTaggedFields());

        Assert.Equal(0, ResponseReader.ReadApiVersions(retry, range.MaxVersion).Error);
    }

    private static async Task<byte[]> RoundTripAsync(Socket socket, short apiKey, short version, Action<KafkaWriter> body)
    {
        var w = new KafkaWriter();
        new RequestHeader(apiKey, version, 7, "test").Write(w);
        body(w);
        await socket.SendAsync(w.ToFrame());
        var size = new byte[4];
        await ReceiveAsync(socket, size);
        var frame = new byte[4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(size)];
        size.CopyTo(frame, 0);
        await ReceiveAsync(socket, frame.AsMemory(4));
        return frame;
    }

    private static async Task ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var read = 0; read < buffer.Length;)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, n);
            read += n;
        }
    }
}

[CollectionDefinition("ThreeBrokers")]
public sealed class ThreeBrokersDefinition : ICollectionFixture<ThreeBrokerSandbox>;

[CollectionDefinition("OneBroker")]
public sealed class OneBrokerDefinition : ICollectionFixture<OneBrokerSandbox>;
