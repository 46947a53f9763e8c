using System.Text;
using System.Text.Json;
using KafkaAgent.Cli;
using KafkaAgent.Coordination;
using KafkaAgent.Tests.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Cli;

/// <summary>`kafka-agent cluster` against a real ZooKeeper holding reports published by real publishers.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterCommandTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>, IDisposable
{
    private readonly HostFiles _host = new();

    private async Task<(string Connect, ZooKeeperClient Agent1, ZooKeeperClient Agent2, LockLease Lease)> ClusterAsync()
    {
        var connect = fixture.Ensemble.ConnectionString + await ZooKeeperTestRoot.CreateAsync(fixture.Ensemble.ConnectionString, "cluster");
        var agent1 = await ZooKeeperTestRoot.ConnectAsync(connect);
        var agent2 = await ZooKeeperTestRoot.ConnectAsync(connect);
        foreach (var path in new[] { "/brokers", "/brokers/ids" })
        {
            await agent1.CreateAsync(path, ReadOnlyMemory<byte>.Empty);
        }

        // Brokers 1 and 3 registered, 2 a zombie; broker 1 the controller; agents on 1 and 2 only.
        await agent1.CreateAsync("/brokers/ids/1", Encoding.UTF8.GetBytes("""{"version":4,"host":"127.0.0.1","port":9092,"endpoints":["PLAINTEXT://127.0.0.1:9092"]}"""), CreateMode.Ephemeral);
        await agent1.CreateAsync("/brokers/ids/3", Encoding.UTF8.GetBytes("""{"version":4,"host":"127.0.0.1","port":9094,"endpoints":["PLAINTEXT://127.0.0.1:9094"]}"""), CreateMode.Ephemeral);
        await agent1.CreateAsync("/controller", Encoding.UTF8.GetBytes("""{"version":1,"brokerid":1,"timestamp":"1764237600000"}"""), CreateMode.Ephemeral);
        await new HostReportPublisher(1, TimeProvider.System, NullLogger.Instance).PublishAsync(agent1, HostReportPublisherTests.Report(1), CancellationToken.None);
        await new HostReportPublisher(2, TimeProvider.System, NullLogger.Instance).PublishAsync(agent2, HostReportPublisherTests.Report(2, "CRITICAL", "broker.unregistered"), CancellationToken.None);
        var lease = await new ClusterLock(agent2, TimeProvider.System, NullLogger.Instance)
            .AcquireAsync(new LockOwner("host-2", 2, "restart_kafka", 0), TimeSpan.FromSeconds(30), CancellationToken.None)
            ?? throw new InvalidOperationException("lock not acquired");
        _host.WithServer(brokerId: 1, zookeeperConnect: connect).WithAgentYaml("cluster:\n  expected_brokers: 4\n", zookeeperProperties: false);
        return (connect, agent1, agent2, lease);
    }

    private static Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments) => AgentCli.InvokeAsync(arguments);

    [Fact]
    public async Task Cluster_Table_OneRowPerBrokerAgentDownAndLockHolder()
    {
        var (_, agent1, agent2, lease) = await ClusterAsync();
        await using (agent1)
        await using (agent2)
        {
            var (exit, output, error) = await RunAsync("cluster", "--config", _host.AgentYaml);

            Assert.True(exit == 0, error);
            var rows = output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\*?\s+(registered|unregistered)")).ToList();
            Assert.Equal(3, rows.Count);
            Assert.Matches(@"^1\*\s+registered\s+up\s+OK\s+heal\s+no\s+-\s+start_kafka success", rows[0]);
            Assert.Matches(@"^2\s+unregistered\s+up\s+CRITICAL\s+heal\s+no\s+broker\.unregistered", rows[1]);
            Assert.Matches(@"^3\s+registered\s+agent down\s+-", rows[2]);
            Assert.Contains($"lock: held by host-2 (broker 2) for restart_kafka since ", output, StringComparison.Ordinal);
            Assert.Contains($"session 0x{agent2.SessionId:x}", output, StringComparison.Ordinal);
            Assert.Contains("1 of 4 expected brokers not seen", output, StringComparison.Ordinal);
            await lease.ReleaseAsync();
        }
    }

    [Fact]
    public async Task Cluster_Json_BrokersControllerAndLock()
    {
        var (_, agent1, agent2, lease) = await ClusterAsync();
        await using (agent1)
        await using (agent2)
        {
            await lease.ReleaseAsync();

            var (exit, output, error) = await RunAsync("cluster", "--json", "--config", _host.AgentYaml);

            Assert.True(exit == 0, error);
            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            Assert.Equal(1, root.GetProperty("controller_id").GetInt32());
            Assert.False(root.GetProperty("lock").TryGetProperty("holder", out _));
            var brokers = root.GetProperty("brokers").EnumerateArray().ToList();
            Assert.Equal([1, 2, 3], brokers.Select(b => b.GetProperty("broker_id").GetInt32()));
            Assert.Equal([true, true, false], brokers.Select(b => b.GetProperty("agent_up").GetBoolean()));
            Assert.Equal("broker.unregistered", brokers[1].GetProperty("report").GetProperty("findings")[0].GetString());
            Assert.Equal(1, root.GetProperty("unseen_expected_brokers").GetInt32());
        }
    }

    [Fact]
    public async Task Cluster_AgentSessionEnds_RowShowsAgentDown()
    {
        var (_, agent1, agent2, lease) = await ClusterAsync();
        await using (agent1)
        {
            await lease.ReleaseAsync();
            await agent2.DisposeAsync(); // the agent on host 2 stops: its report goes with its session

            var (_, output, _) = await RunAsync("cluster", "--config", _host.AgentYaml);

            Assert.Matches(@"(?m)^2\s+unregistered\s+agent down", output);
            Assert.Contains("lock: free", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cluster_EnsembleUnreachable_Exit3NamesTheEnsemble()
    {
        _host.WithServer(brokerId: 1, zookeeperConnect: "127.0.0.1:1/kafka").WithAgentYaml(zookeeperProperties: false);

        var (exit, _, error) = await RunAsync("cluster", "--config", _host.AgentYaml);

        Assert.Equal(ClusterCommand.Unreachable, exit);
        Assert.Contains("cannot read the cluster from ZooKeeper 127.0.0.1:1/kafka", error, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
