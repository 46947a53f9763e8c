using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Session;

namespace KafkaAgent.ZooKeeper.Requests;

/// <summary>
/// multi (opcode 14): each op is a MultiHeader(type, done=false, err=-1) and its request body,
/// closed by MultiHeader(-1, true, -1); the reply lists one MultiHeader and result per op the same way.
/// </summary>
internal sealed class MultiRequest : Request<IReadOnlyList<OpResult>>
{
    private readonly IReadOnlyList<Op> _ops;
    private readonly string[] _serverPaths;
    private readonly IReadOnlyList<ZooKeeperAcl> _acl;

    public MultiRequest(IReadOnlyList<Op> ops, ZooKeeperPath paths, IReadOnlyList<ZooKeeperAcl>? createAcl = null)
        : base(OpCode.Multi, null)
    {
        _ops = ops;
        _acl = createAcl ?? ZooKeeperAcl.OpenUnsafe;
        _serverPaths = new string[ops.Count];
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i] ?? throw new ArgumentException($"Op {i} is null", nameof(ops));
            _serverPaths[i] = paths.ToServer(op.Path, op is CreateOp create && JuteCodec.IsSequential(create.Mode));
        }
    }

    public override void WriteBody(JuteWriter writer)
    {
        for (var i = 0; i < _ops.Count; i++)
        {
            var serverPath = _serverPaths[i];
            switch (_ops[i])
            {
                case CreateOp create:
                    WriteHeader(writer, OpCode.Create, done: false);
                    writer.WriteString(serverPath);
                    writer.WriteBuffer(create.Data.Span);
                    JuteCodec.WriteAcl(writer, _acl);
                    writer.WriteInt(JuteCodec.ToFlags(create.Mode));
                    break;
                case DeleteOp delete:
                    WriteHeader(writer, OpCode.Delete, done: false);
                    writer.WriteString(serverPath);
                    writer.WriteInt(delete.Version);
                    break;
                case SetDataOp setData:
                    WriteHeader(writer, OpCode.SetData, done: false);
                    writer.WriteString(serverPath);
                    writer.WriteBuffer(setData.Data.Span);
                    writer.WriteInt(setData.Version);
                    break;
                case CheckOp check:
                    WriteHeader(writer, OpCode.Check, done: false);
                    writer.WriteString(serverPath);
                    writer.WriteInt(check.Version);
                    break;
                default:
                    throw new InvalidOperationException($"Unsupported multi op {_ops[i].GetType().Name}");
            }
        }

        WriteHeader(writer, -1, done: true);
    }

    public override void Complete(in ReplyHeader header, ref JuteReader body, RequestContext context)
    {
        if (header.Err != (int)ZooKeeperErrorCode.Ok && body.Remaining == 0)
        {
            Fail(Error(header.Err));
            return;
        }

        var results = ReadResults(ref body, context);
        var failed = results.FindIndex(r => r.ErrorCode != ZooKeeperErrorCode.Ok);
        if (failed >= 0)
        {
            Fail(new ZooKeeperMultiException(results[failed].ErrorCode, _ops[failed].Path, results));
        }
        else if (header.Err != (int)ZooKeeperErrorCode.Ok)
        {
            Fail(new ZooKeeperMultiException((ZooKeeperErrorCode)header.Err, null, results));
        }
        else
        {
            SetResult(results);
        }
    }

    private List<OpResult> ReadResults(ref JuteReader body, RequestContext context)
    {
        var results = new List<OpResult>(_ops.Count);
        while (true)
        {
            var type = body.ReadInt();
            var done = body.ReadBool();
            var err = body.ReadInt();
            if (done)
            {
                break;
            }

            if (results.Count == _ops.Count)
            {
                throw new ZooKeeperProtocolException($"Multi reply has more than the {_ops.Count} results requested");
            }

            results.Add(type switch
            {
                OpCode.Create => new CreateResult(context.Paths.FromServer(body.ReadRequiredString("created path"))),
                OpCode.Create2 => ReadCreate2(ref body, context),
                OpCode.Delete => new DeleteResult(),
                OpCode.SetData => new SetDataResult(body.ReadStat()),
                OpCode.Check => new CheckResult(),
                OpCode.Error => new ErrorResult((ZooKeeperErrorCode)ReadError(ref body, err)),
                _ => throw new ZooKeeperProtocolException($"Unknown multi result type {type}"),
            });
        }

        if (results.Count != _ops.Count)
        {
            throw new ZooKeeperProtocolException($"Multi reply has {results.Count} results for {_ops.Count} ops");
        }

        return results;
    }

    private static CreateResult ReadCreate2(ref JuteReader body, RequestContext context)
    {
        var path = body.ReadRequiredString("created path");
        _ = body.ReadStat();
        return new CreateResult(context.Paths.FromServer(path));
    }

    private static int ReadError(ref JuteReader body, int headerErr)
    {
        // ErrorResponse repeats the header's code; trust the body, as the official clients do.
        var err = body.ReadInt();
        return err != 0 || headerErr == 0 ? err : headerErr;
    }

    private static void WriteHeader(JuteWriter writer, int type, bool done)
    {
        writer.WriteInt(type);
        writer.WriteBool(done);
        writer.WriteInt(-1);
    }
}
