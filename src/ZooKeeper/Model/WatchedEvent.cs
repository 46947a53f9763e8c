namespace KafkaAgent.ZooKeeper;

/// <summary>What a one-shot watch reports.</summary>
public enum WatchEventType
{
    /// <summary>No node event: the session ended (see <see cref="WatchedEvent.State"/>); the watch will not fire.</summary>
    None = -1,
    /// <summary>The node was created.</summary>
    NodeCreated = 1,
    /// <summary>The node was deleted.</summary>
    NodeDeleted = 2,
    /// <summary>The node's data changed.</summary>
    NodeDataChanged = 3,
    /// <summary>The node's children changed.</summary>
    NodeChildrenChanged = 4,
}

/// <summary>A watch firing. <see cref="Path"/> is relative to the chroot.</summary>
public sealed record WatchedEvent(WatchEventType Type, ZooKeeperState State, string? Path);
