using KafkaAgent.Coordination;

namespace KafkaAgent.Tests.Coordination;

public sealed class AvailabilityRuleTests
{
    private static PartitionReplicas P(string topic, int[] replicas, int[] isr, int minIsr, int partition = 0) => new(topic, partition, replicas, isr, minIsr);

    public static TheoryData<string, int[], int[], int, bool> Table => new()
    {
        // name, replicas, isr, min ISR, may broker 1 restart?
        { "RF=1, the only replica", [1], [1], 1, true },
        { "RF=2 = min ISR 2: never blocks", [1, 2], [1, 2], 2, true },
        { "RF=2 < min ISR 3: never blocks", [1, 2], [1], 3, true },
        { "RF=3, full ISR, min 2", [1, 2, 3], [1, 2, 3], 2, true },
        { "RF=3, at min ISR with broker 1 in it", [1, 2, 3], [1, 2], 2, false },
        { "RF=3, at min ISR without broker 1", [1, 2, 3], [2, 3], 2, true },
        { "RF=3, under min ISR, broker 1 out of it", [1, 2, 3], [2], 2, false },
        { "RF=3, under min ISR, broker 1 the last in it", [1, 2, 3], [1], 2, false },
        { "RF=3, no state yet (empty ISR)", [1, 2, 3], [], 2, false },
        { "RF=3, min 1, broker 1 the only ISR member", [1, 2, 3], [1], 1, false },
        { "RF=3, min 1, another broker also in ISR", [1, 2, 3], [1, 3], 1, true },
        { "broker 1 not a replica, partition offline", [2, 3, 4], [], 2, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Evaluate_Table_AsStrimzisRule(string name, int[] replicas, int[] isr, int minIsr, bool expected)
    {
        var verdict = AvailabilityRule.Evaluate(1, [P("t", replicas, isr, minIsr)]);

        Assert.True(expected == verdict.CanRestart, name);
        Assert.Equal(expected ? 0 : 1, verdict.BlockingCount);
    }

    [Fact]
    public void Evaluate_ControllerBrokerAtMinIsr_BlockedLikeAnyOther()
    {
        // Being the controller changes the order of restarts (ControllerOrder), never the availability rule.
        var verdict = AvailabilityRule.Evaluate(2, [P("__consumer_offsets", [1, 2, 3], [2, 3], 2)]);

        Assert.False(verdict.CanRestart);
        Assert.Equal(BlockReason.AtMinIsr, verdict.Blocking.Single().Reason);
    }

    [Fact]
    public void Evaluate_ManyBlocking_NamesBoundedCountsAll()
    {
        var partitions = Enumerable.Range(0, 25).Select(i => P("orders", [1, 2, 3], [1, 2], 2, i)).Append(P("ok", [1, 2, 3], [1, 2, 3], 2));

        var verdict = AvailabilityRule.Evaluate(1, partitions, maxNamed: 3);

        Assert.Equal(25, verdict.BlockingCount);
        Assert.Equal(26, verdict.PartitionsChecked);
        Assert.Equal(["orders-0", "orders-1", "orders-2"], verdict.Blocking.Select(b => $"{b.Topic}-{b.Partition}"));
        Assert.Equal("broker 1 must stay up: 25 partition(s) would be under min.insync.replicas without it: orders-0 (isr 2, min 2), orders-1 (isr 2, min 2), orders-2 (isr 2, min 2) and 22 more", verdict.Describe());
    }

    [Fact]
    public void Evaluate_UnderMinIsr_ReasonSaysAlreadyUnder()
    {
        var verdict = AvailabilityRule.Evaluate(1, [P("pay", [1, 2, 3], [3], 2, 4)]);

        Assert.Equal(BlockReason.UnderMinIsr, verdict.Blocking.Single().Reason);
        Assert.Equal("pay-4 (isr 1, min 2, already under)", verdict.Blocking.Single().ToString());
    }

    [Fact]
    public void Evaluate_NoPartitionOnBroker_MayRestart()
    {
        var verdict = AvailabilityRule.Evaluate(5, [P("t", [1, 2, 3], [1], 2)]);

        Assert.True(verdict.CanRestart);
        Assert.Equal(0, verdict.PartitionsChecked);
    }
}
