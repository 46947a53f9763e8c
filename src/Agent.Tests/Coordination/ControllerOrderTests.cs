using KafkaAgent.Coordination;

namespace KafkaAgent.Tests.Coordination;

public sealed class ControllerOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    // broker, controller, others needing restart, decision
    [InlineData(1, 2, new[] { 3 }, "Proceed")]   // not the controller
    [InlineData(2, 2, new int[0], "Proceed")]    // the controller, alone in need
    [InlineData(2, 2, new[] { 2 }, "Proceed")]   // only itself listed
    [InlineData(2, 2, new[] { 1, 3 }, "Defer")]  // the controller goes last
    [InlineData(2, -1, new[] { 1 }, "Proceed")]  // no controller (election under way)
    public void Decide_Table(int broker, int controller, int[] others, string expected)
    {
        int? controllerId = controller < 0 ? null : controller;

        Assert.Equal(Enum.Parse<ControllerOrderDecision>(expected), ControllerOrder.Decide(broker, controllerId, others, null, Now, ControllerOrder.DefaultMaxDefer));
    }

    [Fact]
    public void Decide_DeferredLongerThanBound_Proceeds()
    {
        Assert.Equal(ControllerOrderDecision.Defer, ControllerOrder.Decide(2, 2, [1], Now.AddMinutes(-4), Now, TimeSpan.FromMinutes(5)));
        Assert.Equal(ControllerOrderDecision.Proceed, ControllerOrder.Decide(2, 2, [1], Now.AddMinutes(-5), Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void WaitingForRestart_LockQueue_OtherBrokersRestartsOnly()
    {
        var queue = new LockQueueView(
        [
            new LockQueueEntry("lock-a-0000000001", 1, new LockOwner("h2", 2, "restart_kafka", 0), 11, 0),
            new LockQueueEntry("lock-b-0000000002", 2, new LockOwner("h1", 1, "restart_kafka", 0), 12, 0),
            new LockQueueEntry("lock-c-0000000003", 3, new LockOwner("h3", 3, "reclaim_log_dirs", 0), 13, 0),
            new LockQueueEntry("lock-d-0000000004", 4, new LockOwner("h4", 4, "restart_kafka", 0), 14, 0),
            new LockQueueEntry("lock-e-0000000005", 5, null, 15, 0),
        ], 5);

        Assert.Equal([2, 4], ControllerOrder.WaitingForRestart(queue, 1));
    }
}
