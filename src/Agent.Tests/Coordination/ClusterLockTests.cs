using System.Text;
using KafkaAgent.Coordination;
using KafkaAgent.Tests.Integration;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Coordination;

/// <summary>The lock recipe against a real standalone ZooKeeper, with real process faults on the holder.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterLockTests(StandaloneFixture fixture) : IClassFixture<StandaloneFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private string Server => fixture.Ensemble.ConnectionString;

    private static LockOwner Owner(int broker, string action = "restart_kafka") => new("host-" + broker, broker, action, 1_700_000_000_000);

    private static ClusterLock Lock(ZooKeeperClient client) => new(client, TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task AcquireAsync_TwoContenders_SecondQueuesUntilFirstReleases()
    {
        var connect = Server + await ZooKeeperTestRoot.CreateAsync(Server, "lock2");
        await using var a = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var b = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var observer = await ZooKeeperTestRoot.ConnectAsync(connect);

        var first = await Lock(a).AcquireAsync(Owner(1), Wait, CancellationToken.None);
        var second = Lock(b).AcquireAsync(Owner(2), Wait, CancellationToken.None);
        var queued = await WaitForQueueAsync(observer, 2);

        Assert.NotNull(first);
        Assert.False(second.IsCompleted);
        Assert.Equal(first.Path, CoordinationPaths.DisruptiveLock + "/" + queued.Holder!.Name);
        Assert.Equal(new LockOwner("host-1", 1, "restart_kafka", 1_700_000_000_000), queued.Holder.Owner);
        Assert.Equal(a.SessionId, queued.Holder.Session);
        Assert.Equal(2, queued.Waiting.Single().Owner!.BrokerId);

        Assert.True(await first.ReleaseAsync());
        var lease = await second;

        Assert.NotNull(lease);
        Assert.True(await lease.VerifyAsync(CancellationToken.None));
        Assert.False(await first.VerifyAsync(CancellationToken.None));
        var after = await ClusterLock.ReadAsync(observer, CancellationToken.None);
        Assert.Equal(1, after.Total);
        Assert.Equal(b.SessionId, after.Holder!.Session);
    }

    [Fact]
    public async Task AcquireAsync_ThreeContendersThreeRoundsEach_NeverTwoInsideSeenByIndependentSession()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(Server, "lock3");
        var connect = Server + chroot;
        await using var watcher = await ZooKeeperTestRoot.ConnectAsync(connect);
        await watcher.CreateAsync("/section", Encoding.UTF8.GetBytes("free"));
        var violations = 0;

        async Task ContendAsync(int broker)
        {
            await using var client = await ZooKeeperTestRoot.ConnectAsync(connect);
            for (var round = 0; round < 3; round++)
            {
                await using var lease = await Lock(client).AcquireAsync(Owner(broker), Wait, CancellationToken.None)
                    ?? throw new InvalidOperationException("lock not acquired");
                Assert.True(await lease.VerifyAsync(CancellationToken.None));
                try
                {
                    // Both markers are enforced by the server: a second holder would hit NodeExists or BadVersion.
                    await client.CreateAsync("/inside", Encoding.UTF8.GetBytes($"{broker}"), CreateMode.Ephemeral);
                    var section = await client.GetDataAsync("/section");
                    var entered = await client.SetDataAsync("/section", Encoding.UTF8.GetBytes($"{broker}-in"), section.Stat.Version);
                    await Task.Delay(50);
                    await client.SetDataAsync("/section", Encoding.UTF8.GetBytes($"{broker}-out"), entered.Version);
                    await client.DeleteAsync("/inside");
                }
                catch (ZooKeeperException ex) when (ex.Code is ZooKeeperErrorCode.NodeExists or ZooKeeperErrorCode.BadVersion)
                {
                    Interlocked.Increment(ref violations);
                }
            }
        }

        await Task.WhenAll(ContendAsync(1), ContendAsync(2), ContendAsync(3)).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(0, violations);
        var final = await watcher.GetDataAsync("/section");
        Assert.Equal(2 * 3 * 3, final.Stat.Version); // every one of the 9 critical sections wrote in and out, none lost
        Assert.Null(await watcher.ExistsAsync("/inside"));
        Assert.Equal(0, (await ClusterLock.ReadAsync(watcher, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task AcquireAsync_HolderProcessKilled9_NextContenderAcquiresWhenItsSessionExpires()
    {
        var connect = Server + await ZooKeeperTestRoot.CreateAsync(Server, "lockkill");
        using var holder = await LockHolderProcess.StartHoldingAsync(connect, brokerId: 1);
        await using var b = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var observer = await ZooKeeperTestRoot.ConnectAsync(connect);
        var waiting = Lock(b).AcquireAsync(Owner(2), Wait, CancellationToken.None);
        await WaitForQueueAsync(observer, 2);

        holder.Signal("KILL");
        var lease = await waiting;

        Assert.NotNull(lease);
        Assert.Null(await observer.ExistsAsync(holder.Path));
        var queue = await ClusterLock.ReadAsync(observer, CancellationToken.None);
        Assert.Equal(b.SessionId, queue.Holder!.Session);
        Assert.NotEqual(holder.SessionId, b.SessionId);
    }

    [Fact]
    public async Task AcquireAsync_HolderProcessStopped_NextAcquiresAndResumedHolderReportsLost()
    {
        var connect = Server + await ZooKeeperTestRoot.CreateAsync(Server, "lockstop");
        using var holder = await LockHolderProcess.StartHoldingAsync(connect, brokerId: 1);
        await using var b = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var observer = await ZooKeeperTestRoot.ConnectAsync(connect);
        var waiting = Lock(b).AcquireAsync(Owner(2), Wait, CancellationToken.None);
        await WaitForQueueAsync(observer, 2);

        holder.Signal("STOP");
        var lease = await waiting;
        holder.Signal("CONT");

        Assert.NotNull(lease);
        Assert.Equal("lost", await holder.ReadLineAsync());
        Assert.Equal(LockHoldExitLost, await holder.WaitForExitAsync());
        Assert.True(await lease.VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Lease_HolderSessionExpires_LostAndVerifyFalseAndNextAcquires()
    {
        var connect = Server + await ZooKeeperTestRoot.CreateAsync(Server, "lockexpire");
        var a = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var b = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var observer = await ZooKeeperTestRoot.ConnectAsync(connect);
        var first = await Lock(a).AcquireAsync(Owner(1), Wait, CancellationToken.None);
        Assert.NotNull(first);
        var lostSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.Lost.Register(() => lostSeen.TrySetResult());
        Assert.True(await first.VerifyAsync(CancellationToken.None));
        var waiting = Lock(b).AcquireAsync(Owner(2), Wait, CancellationToken.None);
        await WaitForQueueAsync(observer, 2);

        await ZooKeeperTestRoot.ExpireAsync(Server, a);
        await lostSeen.Task.WaitAsync(ZooKeeperTestRoot.EventTimeout);
        var lease = await waiting;

        Assert.False(await first.VerifyAsync(CancellationToken.None));
        Assert.NotNull(lease);
        Assert.True(await lease.VerifyAsync(CancellationToken.None));
        Assert.True(await first.ReleaseAsync()); // nothing to delete: the node went with the session
        Assert.Equal(b.SessionId, (await ClusterLock.ReadAsync(observer, CancellationToken.None)).Holder!.Session);
        await a.DisposeAsync();
    }

    [Fact]
    public async Task AcquireAsync_ConnectionLostAfterCreateApplied_FindsOwnNodeByPrefixNoDuplicate()
    {
        var chroot = await ZooKeeperTestRoot.CreateAsync(Server, "lockcut");
        await using var proxy = new ZooKeeperCutProxy(fixture.Server.ClientPort);
        await using var client = await ZooKeeperTestRoot.ConnectAsync(proxy.Endpoint + chroot);
        await using var observer = await ZooKeeperTestRoot.ConnectAsync(Server + chroot);
        await using (await Lock(client).AcquireAsync(Owner(9, "warm_up"), Wait, CancellationToken.None))
        {
            // The queue's parents exist now, so the next create the proxy sees is the lock node itself.
        }

        proxy.ArmCutAfterNextCreate();
        var lease = await Lock(client).AcquireAsync(Owner(1), Wait, CancellationToken.None);

        Assert.Equal(1, proxy.Cuts);
        Assert.NotNull(lease);
        var queue = await ClusterLock.ReadAsync(observer, CancellationToken.None);
        Assert.Equal(1, queue.Total);
        Assert.Equal(lease.Path, CoordinationPaths.DisruptiveLock + "/" + queue.Holder!.Name);
        Assert.Equal(client.SessionId, queue.Holder.Session);
        Assert.True(await lease.VerifyAsync(CancellationToken.None));
        Assert.True(await lease.ReleaseAsync());
        Assert.Equal(0, (await ClusterLock.ReadAsync(observer, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task AcquireAsync_WaitRunsOut_NullAndNothingLeftInQueue()
    {
        var connect = Server + await ZooKeeperTestRoot.CreateAsync(Server, "locktimeout");
        await using var a = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var b = await ZooKeeperTestRoot.ConnectAsync(connect);
        await using var held = await Lock(a).AcquireAsync(Owner(1), Wait, CancellationToken.None);

        var lease = await Lock(b).AcquireAsync(Owner(2), TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Null(lease);
        var queue = await ClusterLock.ReadAsync(a, CancellationToken.None);
        Assert.Equal(1, queue.Total);
        Assert.Equal(a.SessionId, queue.Holder!.Session);
    }

    private const int LockHoldExitLost = 4;

    /// <summary>Waits (bounded) until the queue has <paramref name="count"/> nodes, as another session sees it.</summary>
    internal static async Task<LockQueueView> WaitForQueueAsync(ZooKeeperClient observer, int count)
    {
        var deadline = Environment.TickCount64 + (long)ZooKeeperTestRoot.EventTimeout.TotalMilliseconds;
        while (true)
        {
            var view = await ClusterLock.ReadAsync(observer, CancellationToken.None);
            if (view.Total == count)
            {
                return view;
            }

            Assert.True(Environment.TickCount64 < deadline, $"lock queue has {view.Total} nodes, expected {count}");
            await Task.Delay(50);
        }
    }
}
