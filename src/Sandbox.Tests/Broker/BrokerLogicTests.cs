using KafkaAgent.Sandbox.Broker;
using KafkaAgent.Sandbox.Cluster;

namespace KafkaAgent.Sandbox.Tests.Broker;

public class BrokerLogicTests
{
    [Fact]
    public void Next_NewPartition_LeaderIsFirstLiveReplica()
    {
        var next = ControllerDuties.Next(new PartitionInfo(0, [3, 1, 2], null), new HashSet<int> { 1, 2 }, new HashSet<int>(), 4);

        Assert.Equal(1, next!.Leader);
        Assert.Equal(0, next.LeaderEpoch);
        Assert.Equal(4, next.ControllerEpoch);
        Assert.Equal([1, 2], next.Isr);
    }

    [Fact]
    public void Next_LeaderDied_NextIsrMemberLeadsAndEpochGrows()
    {
        var next = ControllerDuties.Next(new PartitionInfo(0, [1, 2, 3], new PartitionState(1, 3, [1, 2, 3], 1)), new HashSet<int> { 2, 3 }, new HashSet<int> { 2, 3 }, 2);

        Assert.Equal(2, next!.Leader);
        Assert.Equal(4, next.LeaderEpoch);
        Assert.Equal([2, 3], next.Isr);
    }

    [Fact]
    public void Next_LastIsrMemberDied_OfflineAndIsrKept()
    {
        var next = ControllerDuties.Next(new PartitionInfo(0, [1, 2], new PartitionState(1, 3, [1], 1)), new HashSet<int> { 2 }, new HashSet<int> { 2 }, 2);

        Assert.Equal(-1, next!.Leader);
        Assert.Equal([1], next.Isr);
    }

    [Fact]
    public void Next_ReplicaBackButNotCaughtUp_StaysOutOfIsr()
    {
        Assert.Null(ControllerDuties.Next(new PartitionInfo(0, [1, 2, 3], new PartitionState(2, 3, [2, 3], 1)), new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 2, 3 }, 2));
    }

    [Fact]
    public void Next_ReplicaBackAndCaughtUp_RejoinsIsrInAssignmentOrder()
    {
        var next = ControllerDuties.Next(new PartitionInfo(0, [1, 2, 3], new PartitionState(2, 3, [2, 3], 1)), new HashSet<int> { 1, 2, 3 }, new HashSet<int> { 1, 2, 3 }, 2);

        Assert.Equal(2, next!.Leader);
        Assert.Equal([1, 2, 3], next.Isr);
    }

    [Fact]
    public void Next_NothingChanged_Null()
    {
        Assert.Null(ControllerDuties.Next(new PartitionInfo(0, [1, 2], new PartitionState(1, 0, [1, 2], 1)), new HashSet<int> { 1, 2 }, new HashSet<int> { 1, 2 }, 1));
    }

    [Fact]
    public void FaultModes_Parse_ReadsEveryMode()
    {
        var modes = FaultModes.Parse("zombie\n# note\nhung\nslow-start=2.5\nunknown\n");

        Assert.True(modes.Zombie);
        Assert.True(modes.Hung);
        Assert.Equal(TimeSpan.FromSeconds(2.5), modes.SlowStart);
        Assert.Equal(modes, FaultModes.Parse(modes.ToFileText()));
    }

    [Fact]
    public void FaultModes_Read_MissingFileIsNone()
    {
        Assert.Equal(FaultModes.None, FaultModes.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}

public class ControllerCatchUpTests
{
    private static ClusterSnapshot Snapshot(params (int Id, long Epoch)[] brokers) =>
        new(null, 1, brokers.ToDictionary(b => b.Id, b => new BrokerRegistration(b.Id, [], -1, null, 0)), [])
        {
            BrokerEpochs = brokers.ToDictionary(b => b.Id, b => b.Epoch),
        };

    [Fact]
    public void CaughtUp_BrokerBack_OnlyAfterTheCatchUpTime()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var duties = new ControllerDuties(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, time, TimeSpan.FromSeconds(5));

        Assert.Empty(duties.CaughtUp(Snapshot((1, 10))));
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(duties.CaughtUp(Snapshot((1, 10))));
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal([1], duties.CaughtUp(Snapshot((1, 10))));
    }

    [Fact]
    public void CaughtUp_BrokerRegisteredAgain_StartsOver()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var duties = new ControllerDuties(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, time, TimeSpan.FromSeconds(5));
        duties.CaughtUp(Snapshot((1, 10), (2, 11)));
        time.Advance(TimeSpan.FromSeconds(6));

        var caughtUp = duties.CaughtUp(Snapshot((1, 10), (2, 42)));

        Assert.Equal([1], caughtUp);
    }
}
