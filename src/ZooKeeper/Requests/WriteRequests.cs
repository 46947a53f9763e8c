using KafkaAgent.ZooKeeper.Protocol;

namespace KafkaAgent.ZooKeeper.Requests;

/// <summary>create (opcode 1) with the given ACL; returns the created path without the chroot.</summary>
internal sealed class CreateRequest(string path, string serverPath, ReadOnlyMemory<byte> data, CreateMode mode, IReadOnlyList<ZooKeeperAcl>? acl = null)
    : Request<string>(OpCode.Create, path)
{
    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(serverPath);
        writer.WriteBuffer(data.Span);
        JuteCodec.WriteAcl(writer, acl ?? ZooKeeperAcl.OpenUnsafe);
        writer.WriteInt(JuteCodec.ToFlags(mode));
    }

    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err != (int)ZooKeeperErrorCode.Ok)
        {
            Fail(Error(header.Err));
            return;
        }

        SetResult(context.Paths.FromServer(body.ReadRequiredString("created path")));
    }
}

/// <summary>setData (opcode 5).</summary>
internal sealed class SetDataRequest(string path, string serverPath, ReadOnlyMemory<byte> data, int version)
    : Request<ZooKeeperStat>(OpCode.SetData, path)
{
    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(serverPath);
        writer.WriteBuffer(data.Span);
        writer.WriteInt(version);
    }

    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err != (int)ZooKeeperErrorCode.Ok)
        {
            Fail(Error(header.Err));
            return;
        }

        SetResult(body.ReadStat());
    }
}

/// <summary>delete (opcode 2).</summary>
internal sealed class DeleteRequest(string path, string serverPath, int version)
    : Request<bool>(OpCode.Delete, path)
{
    public override void WriteBody(JuteWriter writer)
    {
        writer.WriteString(serverPath);
        writer.WriteInt(version);
    }

    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err != (int)ZooKeeperErrorCode.Ok)
        {
            Fail(Error(header.Err));
            return;
        }

        SetResult(true);
    }
}

/// <summary>closeSession (opcode -11): the server ends the session, deletes its ephemerals, and closes the socket.</summary>
internal sealed class CloseSessionRequest() : Request<bool>(OpCode.CloseSession, null)
{
    public override void WriteBody(JuteWriter writer)
    {
    }

    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context) => SetResult(true);
}
