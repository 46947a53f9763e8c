using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Watches;

namespace KafkaAgent.ZooKeeper.Requests;

/// <summary>A read that may leave a watch: the server path and whether to watch, then the watch once the reply came.</summary>
internal abstract class ReadRequest<T>(int opCode, string path, string serverPath, Action<WatchedEvent>? watcher)
    : Request<T>(opCode, path)
{
    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(serverPath);
        writer.WriteBool(watcher is not null);
    }

    /// <summary>Adds the caller's watch, unless the caller stopped waiting before the reply came.</summary>
    protected void Watch(RequestContext context, WatchKind kind)
    {
        if (watcher is not null && !IsCompleted)
        {
            context.Watches.Add(kind, Path!, watcher);
        }
    }
}

/// <summary>A read of a node that must exist: any error fails it; on success, the body, then a watch of one kind.</summary>
internal abstract class NodeReadRequest<T>(int opCode, WatchKind kind, string path, string serverPath, Action<WatchedEvent>? watcher)
    : ReadRequest<T>(opCode, path, serverPath, watcher)
{
    public sealed override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err != (int)ZooKeeperErrorCode.Ok)
        {
            Fail(Error(header.Err));
            return;
        }

        var result = ReadReply(ref body);
        Watch(context, kind);
        SetResult(result);
    }

    protected abstract T ReadReply(ref JuteReader body);
}

/// <summary>exists (opcode 3): stat or null; the watch is a data watch if the node exists, else an exist watch.</summary>
internal sealed class ExistsRequest(string path, string serverPath, Action<WatchedEvent>? watcher)
    : ReadRequest<ZooKeeperStat?>(OpCode.Exists, path, serverPath, watcher)
{
    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err == (int)ZooKeeperErrorCode.Ok)
        {
            var stat = body.ReadStat();
            Watch(context, WatchKind.Data);
            SetResult(stat);
        }
        else if (header.Err == (int)ZooKeeperErrorCode.NoNode)
        {
            Watch(context, WatchKind.Exist);
            SetResult(null);
        }
        else
        {
            Fail(Error(header.Err));
        }
    }
}

/// <summary>getData (opcode 4).</summary>
internal sealed class GetDataRequest(string path, string serverPath, Action<WatchedEvent>? watcher)
    : NodeReadRequest<ZooKeeperData>(OpCode.GetData, WatchKind.Data, path, serverPath, watcher)
{
    protected override ZooKeeperData ReadReply(ref JuteReader body)
    {
        var data = body.ReadBuffer();
        return new ZooKeeperData(data, body.ReadStat());
    }
}

/// <summary>getChildren2 (opcode 12): children and the parent's stat.</summary>
internal sealed class GetChildrenRequest(string path, string serverPath, Action<WatchedEvent>? watcher)
    : NodeReadRequest<ZooKeeperChildren>(OpCode.GetChildren2, WatchKind.Child, path, serverPath, watcher)
{
    protected override ZooKeeperChildren ReadReply(ref JuteReader body)
    {
        var children = body.ReadStringVector();
        return new ZooKeeperChildren(children, body.ReadStat());
    }
}
