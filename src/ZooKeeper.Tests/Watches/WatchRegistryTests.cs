using KafkaAgent.ZooKeeper.Watches;

namespace KafkaAgent.ZooKeeper.Tests.Watches;

public class WatchRegistryTests
{
    private static readonly Action<WatchedEvent> A = _ => { };
    private static readonly Action<WatchedEvent> B = _ => { };

    [Fact]
    public void Take_DataChanged_FiresDataAndExistWatchersOnce()
    {
        var registry = new WatchRegistry();
        registry.Add(WatchKind.Data, "/n", A);
        registry.Add(WatchKind.Data, "/n", A);
        registry.Add(WatchKind.Exist, "/n", B);
        registry.Add(WatchKind.Child, "/n", B);

        Assert.Equal([A, B], registry.Take(WatchEventType.NodeDataChanged, "/n"));
        Assert.Empty(registry.Take(WatchEventType.NodeDataChanged, "/n"));
        Assert.Equal(["/n"], registry.Paths().Child);
    }

    [Fact]
    public void Take_ChildrenChanged_OnlyChildWatchers()
    {
        var registry = new WatchRegistry();
        registry.Add(WatchKind.Data, "/n", A);
        registry.Add(WatchKind.Child, "/n", B);

        Assert.Equal([B], registry.Take(WatchEventType.NodeChildrenChanged, "/n"));
        Assert.Equal(["/n"], registry.Paths().Data);
    }

    [Fact]
    public void Take_Deleted_AllTablesDeduplicated()
    {
        var registry = new WatchRegistry();
        registry.Add(WatchKind.Data, "/n", A);
        registry.Add(WatchKind.Child, "/n", A);
        registry.Add(WatchKind.Child, "/other", B);

        Assert.Equal([A], registry.Take(WatchEventType.NodeDeleted, "/n"));
        Assert.False(registry.IsEmpty);
    }

    [Fact]
    public void TakeAll_Everything_EmptiesRegistry()
    {
        var registry = new WatchRegistry();
        registry.Add(WatchKind.Data, "/a", A);
        registry.Add(WatchKind.Exist, "/b", B);

        Assert.Equal(2, registry.TakeAll().Count);
        Assert.True(registry.IsEmpty);
    }
}
