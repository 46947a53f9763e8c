using KafkaAgent.ZooKeeper.Requests;
using KafkaAgent.ZooKeeper.Session;

namespace KafkaAgent.ZooKeeper.Tests.Session;

public class RequestQueueTests
{
    [Fact]
    public async Task FailOverdue_ExpiredAndCancelledAtHead_RemovedUpToFirstLiveRequest()
    {
        var queue = new RequestQueue();
        var expired = Request("/expired", deadline: 10);
        var cancelled = Request("/cancelled", deadline: 100);
        cancelled.Cancel(new CancellationToken(true));
        var live = Request("/live", deadline: 100);
        var laterCancelled = Request("/later", deadline: 100);
        laterCancelled.Cancel(new CancellationToken(true));
        foreach (var request in new[] { expired, cancelled, live, laterCancelled })
        {
            queue.Enqueue(request);
        }

        queue.FailOverdue(now: 50, r => new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, r.Path));

        var error = await Assert.ThrowsAsync<ZooKeeperException>(() => expired.Task);
        Assert.Equal((ZooKeeperErrorCode.ConnectionLoss, "/expired"), (error.Code, error.Path));
        Assert.False(live.IsCompleted);
        Assert.True(queue.TryDequeue(out var head));
        Assert.Same(live, head);
        Assert.True(queue.TryDequeue(out var next));
        Assert.Same(laterCancelled, next);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public async Task FailAll_Queued_FailsEachAndEmpties()
    {
        var queue = new RequestQueue();
        var first = Request("/a", 1);
        var second = Request("/b", 1);
        queue.Enqueue(first);
        queue.Enqueue(second);

        queue.FailAll(r => new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, r.Path));

        Assert.Equal("/a", (await Assert.ThrowsAsync<ZooKeeperException>(() => first.Task)).Path);
        Assert.Equal("/b", (await Assert.ThrowsAsync<ZooKeeperException>(() => second.Task)).Path);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public async Task WaitAsync_SignalledOnceForManyRequests_WakesWriterAgainOnlyAfterBeginDrain()
    {
        var queue = new RequestQueue();
        queue.Enqueue(Request("/a", 1));
        queue.Enqueue(Request("/b", 1));

        await queue.WaitAsync(CancellationToken.None);
        var second = queue.WaitAsync(CancellationToken.None);
        Assert.False(second.IsCompleted, "two requests, one wake-up");
        queue.BeginDrain();
        queue.Enqueue(Request("/c", 1));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static DeleteRequest Request(string path, long deadline) => new(path, path, -1) { Deadline = deadline };
}
