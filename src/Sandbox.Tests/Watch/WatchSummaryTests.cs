using KafkaAgent.Sandbox.Watch;

namespace KafkaAgent.Sandbox.Tests.Watch;

/// <summary>Folding the watcher's samples into lock holder intervals, overlap and smallest ISR.</summary>
public sealed class WatchSummaryTests
{
    private static WatchedLock Lock(long sequence, int broker) =>
        new($"lock-{broker}-{sequence:D10}", sequence, $"host-{broker}", broker, "restart_kafka");

    private static WatchedPartition Payments(int partition, params int[] isr) => new("payments", partition, [1, 2, 3], isr.Length > 0 ? isr[0] : -1, isr);

    private static WatchSample Sample(long t, IReadOnlyList<WatchedLock> locks, params WatchedPartition[] partitions) =>
        new(t, [1, 2, 3], 1, partitions, locks, null);

    [Fact]
    public void From_HolderHandsOver_OneIntervalPerHolderInQueueOrderAndOneAtATime()
    {
        var samples = new[]
        {
            Sample(1000, []),
            Sample(1100, [Lock(1, 1), Lock(2, 2)]),
            Sample(1200, [Lock(1, 1), Lock(2, 2), Lock(3, 3)]),
            Sample(1300, [Lock(2, 2), Lock(3, 3)]),
            Sample(1400, [Lock(3, 3)]),
            Sample(1500, []),
        };

        var summary = WatchSummary.From(samples);

        Assert.Equal(
            [("host-1", 1100L, 1200L), ("host-2", 1300L, 1300L), ("host-3", 1400L, 1400L)],
            summary.Holders.Select(h => (h.Host!, h.FromMs, h.ToMs)).ToArray());
        Assert.Equal(1, summary.MaxConcurrentHolders);
        Assert.Equal(6, summary.Samples);
    }

    [Fact]
    public void MaxOverlap_TwoIntervalsCoverOneInstant_Two()
    {
        HolderInterval I(long from, long to) => new("n", "h", 1, "restart_kafka", from, to);

        Assert.Equal(2, WatchSummary.MaxOverlap([I(0, 100), I(100, 200), I(300, 400)]));
        Assert.Equal(1, WatchSummary.MaxOverlap([I(0, 99), I(100, 200)]));
        Assert.Equal(0, WatchSummary.MaxOverlap([]));
    }

    [Fact]
    public void From_IsrShrinksAndGrows_KeepsTheSmallestAndWhenItWasFirstSeen()
    {
        var samples = new[]
        {
            Sample(1000, [], Payments(0, 1, 2, 3), Payments(1, 2, 3, 1)),
            Sample(1100, [], Payments(0, 1, 3), Payments(1, 2, 3, 1)),
            Sample(1200, [], Payments(0, 3), Payments(1, 2, 3)),
            Sample(1300, [], Payments(0, 1), Payments(1, 2, 3, 1)),
        };

        var summary = WatchSummary.From(samples);

        var p0 = Assert.Single(summary.SmallestIsr, p => p.Partition == "payments-0");
        Assert.Equal((1, 3, 1200L), (p0.Size, p0.Replicas, p0.AtMs));
        Assert.Equal([3], p0.Isr);
        var p1 = Assert.Single(summary.SmallestIsr, p => p.Partition == "payments-1");
        Assert.Equal((2, 1200L), (p1.Size, p1.AtMs));
    }

    [Fact]
    public void From_FailedSamples_CountedAndIgnoredForHoldersAndIsr()
    {
        var samples = new[]
        {
            Sample(1000, [Lock(1, 1)], Payments(0, 1, 2, 3)),
            WatchSample.Failed(1100, "connection lost"),
            Sample(1200, [Lock(1, 1)], Payments(0, 1, 2, 3)),
        };

        var summary = WatchSummary.From(samples);

        Assert.Equal(1, summary.FailedSamples);
        Assert.Equal((1000L, 1200L), (Assert.Single(summary.Holders).FromMs, summary.Holders[0].ToMs));
        Assert.Equal(3, Assert.Single(summary.SmallestIsr).Size);
    }

    [Fact]
    public void Print_Summary_NamesHoldersRelativeToTheStartAndTheSmallestIsr()
    {
        var summary = WatchSummary.From([Sample(1000, []), Sample(3500, [Lock(7, 2)], Payments(0, 2, 3)), Sample(4000, [])]);
        var text = new StringWriter();

        summary.Print(text);

        Assert.Contains("+2.5 s .. +2.5 s  host-2 (broker 2) restart_kafka", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("max concurrent: 1", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("payments-0", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("2/3 [2,3]", text.ToString(), StringComparison.Ordinal);
    }
}
