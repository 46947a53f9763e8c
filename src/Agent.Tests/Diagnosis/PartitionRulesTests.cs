using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.Membership;

namespace KafkaAgent.Tests.Diagnosis;

public sealed class PartitionRulesTests
{
    private static PartitionState P(int partition, int[] replicas, int leader, int[] isr, int minIsr = 1) =>
        new("orders", partition, replicas, leader, isr, minIsr);

    private static PartitionFacts Facts(params PartitionState[] partitions) => new(1, 12, false, partitions, 1, TimeSpan.Zero, null);

    private static int[] Ints(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    [Theory]
    [InlineData("1,2,3", 1, "1,2,3", 1, "")]
    [InlineData("1,2,3", -1, "2", 1, FindingIds.ClusterOfflinePartitions)]
    [InlineData("1,2,3", 1, "1,2", 1, FindingIds.ClusterUnderReplicated)]
    [InlineData("1,2,3", 1, "1,2", 2, FindingIds.ClusterUnderReplicated)]
    [InlineData("1,2,3", 1, "1", 2, FindingIds.ClusterUnderMinIsr + " " + FindingIds.ClusterUnderReplicated)]
    // One replica can never reach min ISR 2: Kafka does not count it as under min ISR.
    [InlineData("1", 1, "1", 2, "")]
    [InlineData("1,2", 2, "2", 3, FindingIds.ClusterUnderReplicated)]
    public void Evaluate_PartitionState_Findings(string replicas, int leader, string isr, int minIsr, string expected)
    {
        var (_, findings) = PartitionRules.Evaluate(Facts(P(0, Ints(replicas), leader, Ints(isr), minIsr)), registeredBrokers: 3);

        Assert.Equal(expected, string.Join(' ', findings.Select(f => f.Id)));
    }

    [Fact]
    public void Evaluate_ManyOffline_NamesBoundedAndCountExact()
    {
        var offline = Enumerable.Range(0, 25).Select(p => P(p, [1, 2], -1, [1])).ToArray();

        var finding = Assert.Single(PartitionRules.Evaluate(Facts(offline), 3).Findings);

        Assert.Equal("25", finding.Evidence["count"]);
        Assert.StartsWith("25 partitions offline (no leader): orders-0, orders-1,", finding.Summary, StringComparison.Ordinal);
        Assert.EndsWith("orders-9 (+15 more)", finding.Summary, StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, finding.Severity);
    }

    [Theory]
    [InlineData(10, 3, true)]
    [InlineData(3, 3, true)]
    [InlineData(1, 3, false)]
    [InlineData(10, 0, false)]
    public void Evaluate_ControllerMissing_NoControllerAfterGraceWhileBrokersRegistered(int missingSeconds, int registered, bool expected)
    {
        var facts = Facts() with { Controller = null, ControllerMissingFor = TimeSpan.FromSeconds(missingSeconds) };

        var (summary, findings) = PartitionRules.Evaluate(facts, registered);

        Assert.Equal(expected, findings.Any(f => f.Id == FindingIds.ClusterNoController));
        Assert.Contains("no controller", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Capped_SummarySaysSo()
    {
        var facts = Facts() with { Capped = true, Read = 5000 };

        var (summary, _) = PartitionRules.Evaluate(facts, 3);

        Assert.Contains("5000 partitions read this pass (at most 5000", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ScopeOf_ClusterFindings_Cluster()
    {
        Assert.Equal("cluster", FindingIds.ScopeOf(FindingIds.ClusterUnderReplicated));
        Assert.Equal("host", FindingIds.ScopeOf(FindingIds.KafkaDown));
    }
}
