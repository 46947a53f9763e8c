using System.Text.Json;
using KafkaAgent.Diagnosis;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// Partition health in a three-host sandbox (broker stand-ins acting as Kafka's controller, Debian's ZooKeeper):
/// killing brokers for real shrinks the ISRs, and `kafka-agent check` on a surviving host names the partitions.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SandboxPartitionTests : IDisposable
{
    private readonly SandboxHost _sandbox = SandboxHost.Up(brokers: 3);

    [Fact]
    public void Check_TwoBrokersKilled_UnderReplicatedNamedWithClusterScope()
    {
        var (exit, findings, _) = _sandbox.Check(1);
        Assert.DoesNotContain(FindingIds.ClusterUnderReplicated, findings);

        _sandbox.Fault("broker-kill", 2);
        _sandbox.Fault("broker-kill", 3);
        // The dead brokers leave the ISRs once their sessions expire and the controller (a survivor) acts.
        (exit, findings, var output) = _sandbox.CheckUntil(1, f => f.Contains(FindingIds.ClusterUnderReplicated));

        Assert.True(findings.Contains(FindingIds.ClusterUnderReplicated), output);
        Assert.DoesNotContain(FindingIds.ClusterOfflinePartitions, findings);
        Assert.True(exit >= 1, output);
        using var json = JsonDocument.Parse(output);
        var finding = json.RootElement.GetProperty("checks").EnumerateArray()
            .SelectMany(c => c.GetProperty("findings").EnumerateArray())
            .Single(f => f.GetProperty("id").GetString() == FindingIds.ClusterUnderReplicated);
        Assert.Equal("cluster", finding.GetProperty("scope").GetString());
        Assert.Contains("orders-0", finding.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
