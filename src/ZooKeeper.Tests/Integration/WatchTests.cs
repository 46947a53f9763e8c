using KafkaAgent.ZooKeeper.Tests.TestBed;

namespace KafkaAgent.ZooKeeper.Tests.Integration;

[Trait("Category", "Integration")]
[Collection(StandaloneZooKeeperGroup.Name)]
public sealed class WatchTests(StandaloneZooKeeperFixture fixture)
{
    private string ConnectionString => fixture.Ensemble.ConnectionString;

    [Fact]
    public async Task GetDataAsync_DataWatch_FiresOnceForTwoChanges()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("datawatch");
        await client.CreateAsync(path, default);
        var sink = new TestClients.EventSink();
        var marker = new TestClients.EventSink();

        await client.GetDataAsync(path, sink.Watch);
        await client.SetDataAsync(path, "1"u8.ToArray());
        await client.SetDataAsync(path, "2"u8.ToArray());
        await client.ExistsAsync(path + "/marker", marker.Watch);
        await client.CreateAsync(path + "/marker", default);
        await marker.Next();

        Assert.Equal(new WatchedEvent(WatchEventType.NodeDataChanged, ZooKeeperState.Connected, path), await sink.Next());
        Assert.Equal(1, sink.Count);
    }

    [Fact]
    public async Task ExistsAsync_MissingNode_FiresNodeCreated()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("existwatch");
        var sink = new TestClients.EventSink();

        Assert.Null(await client.ExistsAsync(path, sink.Watch));
        await client.CreateAsync(path, default);

        Assert.Equal(new WatchedEvent(WatchEventType.NodeCreated, ZooKeeperState.Connected, path), await sink.Next());
    }

    [Fact]
    public async Task GetChildrenAsync_ChildWatch_FiresOnChildAddedNotOnDataChange()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("childwatch");
        await client.CreateAsync(path, default);
        var sink = new TestClients.EventSink();

        await client.GetChildrenAsync(path, sink.Watch);
        await client.SetDataAsync(path, "x"u8.ToArray());
        await client.CreateAsync(path + "/c", default);

        Assert.Equal(new WatchedEvent(WatchEventType.NodeChildrenChanged, ZooKeeperState.Connected, path), await sink.Next());
        Assert.Equal(1, sink.Count);
    }

    [Fact]
    public async Task DeleteAsync_DataAndChildWatchesWithSameCallback_FiresOnceNodeDeleted()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("deletewatch");
        await client.CreateAsync(path, default);
        var sink = new TestClients.EventSink();
        var other = new TestClients.EventSink();
        Action<WatchedEvent> watcher = sink.Watch;

        await client.GetDataAsync(path, watcher);
        await client.GetChildrenAsync(path, watcher);
        await client.ExistsAsync(path, other.Watch);
        await client.DeleteAsync(path);

        Assert.Equal(new WatchedEvent(WatchEventType.NodeDeleted, ZooKeeperState.Connected, path), await sink.Next());
        Assert.Equal(WatchEventType.NodeDeleted, (await other.Next()).Type);
        await client.CreateAsync(path, default);
        await client.DeleteAsync(path);
        Assert.Equal(1, sink.Count);
    }

    [Fact]
    public async Task Watcher_SlowAndThrowingCallbacks_DoNotStallRequests()
    {
        await using var client = await TestClients.ConnectAsync(ConnectionString);
        var path = TestClients.UniqueRoot("slowwatch");
        await client.CreateAsync(path, default);
        using var release = new SemaphoreSlim(0);
        var entered = new TaskCompletionSource();
        var later = new TestClients.EventSink();

        await client.GetDataAsync(path, _ =>
        {
            entered.TrySetResult();
            release.Wait();
            throw new InvalidOperationException("callback failure must be contained");
        });
        await client.GetChildrenAsync(path, later.Watch);
        await client.SetDataAsync(path, "1"u8.ToArray());
        await entered.Task.WaitAsync(TestClients.EventTimeout);

        // The dispatcher is blocked in the first callback; requests still flow.
        for (var i = 0; i < 50; i++)
        {
            await client.SetDataAsync(path, BitConverter.GetBytes(i));
        }

        await client.CreateAsync(path + "/c", default);
        Assert.Equal(0, later.Count);
        release.Release();
        Assert.Equal(WatchEventType.NodeChildrenChanged, (await later.Next()).Type);
        Assert.Equal(ZooKeeperState.Connected, client.State);
    }

    [Fact]
    public async Task Chroot_OperationsAndEvents_PathsRelativeToChroot()
    {
        var chroot = TestClients.UniqueRoot("chroot");
        await using var plain = await TestClients.ConnectAsync(ConnectionString);
        await plain.CreateAsync(chroot, default);
        await using var rooted = await TestClients.ConnectAsync(ConnectionString + chroot);
        var sink = new TestClients.EventSink();

        Assert.Empty((await rooted.GetChildrenAsync("/", sink.Watch)).Children);
        Assert.Equal("/brokers", await rooted.CreateAsync("/brokers", default));
        var sequential = await rooted.CreateAsync("/brokers/id-", default, CreateMode.EphemeralSequential);
        var results = await rooted.MultiAsync([Op.Create("/m", default)]);

        Assert.Equal(new WatchedEvent(WatchEventType.NodeChildrenChanged, ZooKeeperState.Connected, "/"), await sink.Next());
        Assert.Matches("^/brokers/id-\\d{10}$", sequential);
        Assert.Equal(new CreateResult("/m"), results[0]);
        Assert.NotNull(await plain.ExistsAsync(chroot + sequential));
        Assert.Equal(["brokers", "m"], (await plain.GetChildrenAsync(chroot)).Children.Order(StringComparer.Ordinal));
    }
}
