using KafkaAgent.Coordination;
using KafkaAgent.Remediation.Reclaim;

namespace KafkaAgent.Tests.Remediation.Reclaim;

public sealed class ReclaimRuleTests
{
    private const int Self = 1;

    private static ReplicaView View(params PartitionReplicas[] partitions) => new(Self, partitions, new HashSet<int> { 1, 2, 3 });

    private static PartitionReplicas Replicas(string topic, int partition, int[] replicas, int[] isr) => new(topic, partition, replicas, isr, 1);

    private static PartitionDirectory Dir(string name, long bytes) => PartitionDirectory.TryParse(name, bytes)!;

    [Fact]
    public void Select_OtherReplicasAllAliveAndInSync_Deleted()
    {
        var view = View(Replicas("orders", 0, [1, 2, 3], [2, 3, 1]));

        var selection = ReclaimRule.Select([Dir("orders-0", 500)], view, 100);

        Assert.Equal(["orders-0"], selection.Delete.Select(d => d.Name));
        Assert.Empty(selection.Refused);
        Assert.Equal(500, selection.Bytes);
    }

    [Fact]
    public void Select_ReplicationFactorOne_RefusedAsTheOnlyCopy()
    {
        var view = View(Replicas("audit", 0, [1], [1]));

        var selection = ReclaimRule.Select([Dir("audit-0", 9_000)], view, 100);

        Assert.Empty(selection.Delete);
        Assert.Contains("only copy", Assert.Single(selection.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_OtherReplicaOutOfIsr_Refused()
    {
        var view = View(Replicas("orders", 1, [1, 2, 3], [1, 2]));

        var selection = ReclaimRule.Select([Dir("orders-1", 9_000)], view, 100);

        Assert.Empty(selection.Delete);
        Assert.Equal("the replica on broker 3 is not in the ISR [1,2]", Assert.Single(selection.Refused).Reason);
    }

    [Fact]
    public void Select_OtherReplicaInIsrButUnregistered_Refused()
    {
        // The ISR in ZooKeeper lags a broker's death by the controller's reaction: registration is checked too.
        var view = View(Replicas("orders", 2, [1, 4], [1, 4]));

        var selection = ReclaimRule.Select([Dir("orders-2", 9_000)], view, 100);

        Assert.Empty(selection.Delete);
        Assert.Equal("the replica on broker 4 is not registered in /brokers/ids", Assert.Single(selection.Refused).Reason);
    }

    [Fact]
    public void Select_OnlyThisBrokerOutOfIsr_StillDeletedSinceTheOthersHoldTheData()
    {
        var view = View(Replicas("orders", 3, [1, 2], [2]));

        var selection = ReclaimRule.Select([Dir("orders-3", 10)], view, 5);

        Assert.Single(selection.Delete);
    }

    [Theory]
    [InlineData("__consumer_offsets-7")]
    [InlineData("__transaction_state-0")]
    public void Select_InternalTopicInSyncElsewhere_Refused(string name)
    {
        var dir = Dir(name, 9_000);
        var view = View(Replicas(dir.Topic, dir.Partition, [1, 2, 3], [1, 2, 3]));

        var selection = ReclaimRule.Select([dir], view, 100);

        Assert.Empty(selection.Delete);
        Assert.Contains("internal topic", Assert.Single(selection.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_PartitionUnknownToZooKeeper_Refused()
    {
        var selection = ReclaimRule.Select([Dir("gone-0", 9_000)], View(), 100);

        Assert.Empty(selection.Delete);
        Assert.Contains("not assigned", Assert.Single(selection.Refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_SeveralEligible_LargestFirstUntilTheWantedBytes()
    {
        var view = View(
            Replicas("a", 0, [1, 2], [1, 2]),
            Replicas("b", 0, [1, 2], [1, 2]),
            Replicas("c", 0, [1, 2], [1, 2]),
            Replicas("solo", 0, [1], [1]));
        PartitionDirectory[] dirs = [Dir("a-0", 100), Dir("b-0", 300), Dir("c-0", 200), Dir("solo-0", 1_000)];

        var selection = ReclaimRule.Select(dirs, view, 450);

        Assert.Equal(["b-0", "c-0"], selection.Delete.Select(d => d.Name));
        Assert.Equal(["solo-0"], selection.Refused.Select(r => r.Directory.Name));
    }

    [Fact]
    public void Select_NothingWanted_DeletesNothing()
    {
        var selection = ReclaimRule.Select([Dir("a-0", 100)], View(Replicas("a", 0, [1, 2], [1, 2])), 0);

        Assert.Empty(selection.Delete);
    }

    [Theory]
    [InlineData("orders-0", "orders", 0)]
    [InlineData("my-topic-12", "my-topic", 12)]
    [InlineData("__consumer_offsets-49", "__consumer_offsets", 49)]
    public void TryParse_PartitionDirectory_TopicAndPartition(string name, string topic, int partition)
    {
        var dir = PartitionDirectory.TryParse(name, 1);

        Assert.Equal((topic, partition), (dir!.Topic, dir.Partition));
    }

    [Theory]
    [InlineData("orders-0.4b1c9e8f2d3a4c5b8e7f6a5b4c3d2e1f-delete")]
    [InlineData("orders-0.4b1c9e8f2d3a4c5b8e7f6a5b4c3d2e1f-future")]
    [InlineData("lost+found")]
    [InlineData("orders-")]
    [InlineData("-3")]
    [InlineData("orders-01")]
    [InlineData("orders-x")]
    public void TryParse_NotAPartitionDirectory_Null(string name)
    {
        Assert.Null(PartitionDirectory.TryParse(name, 1));
    }
}
