using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Watches;

namespace KafkaAgent.ZooKeeper.Requests;

/// <summary>exists (opcode 3): stat or null; the watch is a data watch if the node exists, else an exist watch.</summary>
internal sealed class ExistsRequest(string path, string serverPath, Action<WatchedEvent>? watcher)
    : Request<ZooKeeperStat?>(OpCode.Exists, path)
{
    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(serverPath);
        writer.WriteBool(watcher is not null);
    }

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

    private void Watch(RequestContext context, WatchKind kind)
    {
        if (watcher is not null && !IsCompleted)
        {
            context.Watches.Add(kind, Path!, watcher);
        }
    }
}

/// <summary>getData (opcode 4).</summary>
internal sealed class GetDataRequest(string path, string serverPath, Action<WatchedEvent>? watcher)
    : Request<ZooKeeperData>(OpCode.GetData, path)
{
    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(serverPath);
        writer.WriteBool(watcher is not null);
    }

    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err != (int)ZooKeeperErrorCode.Ok)
        {
            Fail(Error(header.Err));
            return;
        }

        var data = body.ReadBuffer();
        var stat = body.ReadStat();
        if (watcher is not null && !IsCompleted)
        {
            context.Watches.Add(WatchKind.Data, Path!, watcher);
        }

        SetResult(new ZooKeeperData(data, stat));
    }
}

/// <summary>getChildren2 (opcode 12): children and the parent's stat.</summary>
internal sealed class GetChildrenRequest(string path, string serverPath, Action<WatchedEvent>? watcher)
    : Request<ZooKeeperChildren>(OpCode.GetChildren2, path)
{
    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(serverPath);
        writer.WriteBool(watcher is not null);
    }

    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err != (int)ZooKeeperErrorCode.Ok)
        {
            Fail(Error(header.Err));
            return;
        }

        var children = body.ReadStringVector();
        var stat = body.ReadStat();
        if (watcher is not null && !IsCompleted)
        {
            context.Watches.Add(WatchKind.Child, Path!, watcher);
        }

        SetResult(new ZooKeeperChildren(children, stat));
    }
}
