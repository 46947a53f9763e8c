using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Requests;
using KafkaAgent.ZooKeeper.Watches;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>What every connection of one client shares: the queue, the watch tables, the event dispatcher, the limits, the last zxid.</summary>
internal sealed class SessionContext
{
    /// <summary>Header room the server itself allows over jute.maxbuffer (zookeeper.jute.maxbuffer.extrasize's default).</summary>
    public const int FrameHeaderAllowance = 1024;

    private long _lastZxid;
    private int _xid;

    public SessionContext(TimeProvider time, ILogger logger, ZooKeeperPath paths, int maxPacketLength, Connector connector, IReadOnlyList<ZooKeeperAuth>? auth = null)
    {
        Auth = auth ?? [];
        Time = time;
        Logger = logger;
        MaxPacketLength = maxPacketLength;
        Connector = connector;
        Requests = new RequestContext(paths, Watches);
        Events = new EventDispatcher(logger);
    }

    public TimeProvider Time { get; }

    /// <summary>What every new connection presents right after the handshake.</summary>
    public IReadOnlyList<ZooKeeperAuth> Auth { get; }

    public ILogger Logger { get; }

    public Connector Connector { get; }

    /// <summary>The largest request frame we send: the server refuses longer ones and drops the connection.</summary>
    public int MaxPacketLength { get; }

    /// <summary>The largest reply frame we accept: a maximal node's data plus reply header and stat.</summary>
    public int MaxFrameLength => MaxPacketLength + FrameHeaderAllowance;

    public RequestQueue Outgoing { get; } = new();

    public WatchRegistry Watches { get; } = new();

    public RequestContext Requests { get; }

    public EventDispatcher Events { get; }

    public long LastZxid => Volatile.Read(ref _lastZxid);

    public void ObserveZxid(long zxid)
    {
        // Only the reader writes it, replies come in zxid order: a plain store keeps it monotonic.
        if (zxid > Volatile.Read(ref _lastZxid))
        {
            Volatile.Write(ref _lastZxid, zxid);
        }
    }

    /// <summary>Positive, increasing xids; wrapping past int.MaxValue restarts at 1 (reserved xids are negative).</summary>
    public int NextXid()
    {
        var xid = Interlocked.Increment(ref _xid) & int.MaxValue;
        return xid == 0 ? NextXid() : xid;
    }

    /// <summary>Routes a notification to the watchers it triggers, on the dispatcher.</summary>
    public void Notify(in WatcherEventRecord record)
    {
        var type = (WatchEventType)record.Type;
        if (record.Path is null || type is not (WatchEventType.NodeCreated or WatchEventType.NodeDeleted or WatchEventType.NodeDataChanged or WatchEventType.NodeChildrenChanged))
        {
            Log.IgnoredNotification(Logger, record.Type, record.Path);
            return;
        }

        var path = Requests.Paths.FromServer(record.Path);
        var watchedEvent = new WatchedEvent(type, ZooKeeperState.Connected, path);
        foreach (var watcher in Watches.Take(type, path))
        {
            Events.Post(watcher, watchedEvent);
        }
    }

    public long Deadline(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Time.GetTimestamp() + (long)(timeout.TotalSeconds * Time.TimestampFrequency);
}
