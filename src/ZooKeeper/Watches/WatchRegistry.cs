namespace KafkaAgent.ZooKeeper.Watches;

/// <summary>
/// The client's side of one-shot watches, keyed by chroot-relative path. Watchers are added when
/// the reply that set them is read (replies and notifications arrive in order on a connection, so
/// no event can overtake its registration) and removed when they fire, so each fires once.
/// </summary>
internal sealed class WatchRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Action<WatchedEvent>>> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<WatchedEvent>>> _exist = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<WatchedEvent>>> _child = new(StringComparer.Ordinal);

    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _data.Count == 0 && _exist.Count == 0 && _child.Count == 0;
            }
        }
    }

    public void Add(WatchKind kind, string path, Action<WatchedEvent> watcher)
    {
        lock (_lock)
        {
            var table = Table(kind);
            if (!table.TryGetValue(path, out var watchers))
            {
                watchers = [];
                table[path] = watchers;
            }

            // Like the official clients, the same watcher set twice on one path fires once.
            if (!watchers.Contains(watcher))
            {
                watchers.Add(watcher);
            }
        }
    }

    /// <summary>Removes and returns the watchers an event of this type on this path triggers.</summary>
    public List<Action<WatchedEvent>> Take(WatchEventType type, string path)
    {
        var fired = new List<Action<WatchedEvent>>();
        lock (_lock)
        {
            switch (type)
            {
                case WatchEventType.NodeCreated:
                case WatchEventType.NodeDataChanged:
                    Move(_data, path, fired);
                    Move(_exist, path, fired);
                    break;
                case WatchEventType.NodeChildrenChanged:
                    Move(_child, path, fired);
                    break;
                case WatchEventType.NodeDeleted:
                    Move(_data, path, fired);
                    Move(_exist, path, fired);
                    Move(_child, path, fired);
                    break;
                default:
                    break;
            }
        }

        return fired;
    }

    /// <summary>Removes and returns every watcher (the session ended).</summary>
    public List<Action<WatchedEvent>> TakeAll()
    {
        var all = new List<Action<WatchedEvent>>();
        lock (_lock)
        {
            foreach (var table in new[] { _data, _exist, _child })
            {
                foreach (var path in table.Keys.ToList())
                {
                    Move(table, path, all);
                }
            }
        }

        return all;
    }

    /// <summary>The watched paths, per table, for SetWatches after a reconnect.</summary>
    public (List<string> Data, List<string> Exist, List<string> Child) Paths()
    {
        lock (_lock)
        {
            return ([.. _data.Keys], [.. _exist.Keys], [.. _child.Keys]);
        }
    }

    private Dictionary<string, List<Action<WatchedEvent>>> Table(WatchKind kind) => kind switch
    {
        WatchKind.Data => _data,
        WatchKind.Exist => _exist,
        _ => _child,
    };

    private static void Move(Dictionary<string, List<Action<WatchedEvent>>> table, string path, List<Action<WatchedEvent>> into)
    {
        if (!table.Remove(path, out var watchers))
        {
            return;
        }

        foreach (var watcher in watchers)
        {
            if (!into.Contains(watcher))
            {
                into.Add(watcher);
            }
        }
    }
}
