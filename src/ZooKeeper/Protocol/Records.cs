namespace KafkaAgent.ZooKeeper.Protocol;

/// <summary>jute ReplyHeader: every frame after the handshake starts with it.</summary>
internal readonly record struct ReplyHeader(int Xid, long Zxid, int Err)
{
    public const int Size = 16;

    public static ReplyHeader Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadLong(), reader.ReadInt());
}

/// <summary>jute WatcherEvent: the body of a notification (xid -1).</summary>
internal readonly record struct WatcherEventRecord(int Type, int State, string? Path)
{
    public static WatcherEventRecord Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadInt(), reader.ReadString());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Type);
        writer.WriteInt(State);
        writer.WriteString(Path ?? string.Empty);
    }
}

/// <summary>
/// jute ConnectRequest, followed (as every official client does) by the readOnly flag that
/// servers since 3.4 read when present.
/// </summary>
internal readonly record struct ConnectRequest(int ProtocolVersion, long LastZxidSeen, int TimeoutMs, long SessionId, ReadOnlyMemory<byte> Password, bool ReadOnly)
{
    public void WriteFrame(JuteWriter writer)
    {
        writer.BeginFrame();
        writer.WriteInt(ProtocolVersion);
        writer.WriteLong(LastZxidSeen);
        writer.WriteInt(TimeoutMs);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Password.Span);
        writer.WriteBool(ReadOnly);
        writer.EndFrame();
    }
}

/// <summary>jute ConnectResponse, with the optional trailing readOnly flag.</summary>
internal readonly record struct ConnectResponse(int ProtocolVersion, int TimeoutMs, long SessionId, byte[] Password, bool ReadOnly)
{
    public static ConnectResponse Read(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var timeout = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var password = reader.ReadBuffer();

        // Servers older than 3.4 do not send the flag.
        var readOnly = reader.Remaining > 0 && reader.ReadBool();
        return new ConnectResponse(protocolVersion, timeout, sessionId, password, readOnly);
    }

    public void WriteFrame(JuteWriter writer)
    {
        writer.BeginFrame();
        writer.WriteInt(ProtocolVersion);
        writer.WriteInt(TimeoutMs);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Password);
        writer.WriteBool(ReadOnly);
        writer.EndFrame();
    }
}

/// <summary>jute SetWatches (opcode 101): re-arms watches on a new connection, relative to the last zxid seen.</summary>
internal sealed record SetWatchesRecord(long RelativeZxid, IReadOnlyList<string> DataWatches, IReadOnlyList<string> ExistWatches, IReadOnlyList<string> ChildWatches)
{
    public void WriteFrame(JuteWriter writer)
    {
        writer.BeginFrame();
        writer.WriteInt(Xid.SetWatches);
        writer.WriteInt(OpCode.SetWatches);
        writer.WriteLong(RelativeZxid);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
        writer.EndFrame();
    }
}

/// <summary>
/// jute AuthPacket (opcode 100, xid -4): type 0, scheme, credentials. The server answers with xid -4; a refused
/// one (AuthFailed) is followed by the server closing the connection.
/// </summary>
internal sealed record AuthPacketRecord(string Scheme, ReadOnlyMemory<byte> Data)
{
    public void WriteFrame(JuteWriter writer)
    {
        writer.BeginFrame();
        writer.WriteInt(Xid.Auth);
        writer.WriteInt(OpCode.Auth);
        writer.WriteInt(0);
        writer.WriteString(Scheme);
        writer.WriteBuffer(Data.Span);
        writer.EndFrame();
    }
}

/// <summary>Encoders shared by requests and multi ops.</summary>
internal static class JuteCodec
{
    /// <summary>ZooDefs.Perms.ALL: read, write, create, delete, admin.</summary>
    public const int AllPermissions = 31;

    public static void WriteRequestHeader(JuteWriter writer, int xid, int opCode)
    {
        writer.WriteInt(xid);
        writer.WriteInt(opCode);
    }

    /// <summary>Ids.OPEN_ACL_UNSAFE: one ACL, world:anyone with every permission.</summary>
    public static void WriteOpenAcl(JuteWriter writer) => WriteAcl(writer, ZooKeeperAcl.OpenUnsafe);

    /// <summary>vector&lt;ACL&gt;: count, then per entry perms, scheme, id.</summary>
    public static void WriteAcl(JuteWriter writer, IReadOnlyList<ZooKeeperAcl> acl)
    {
        writer.WriteInt(acl.Count);
        foreach (var entry in acl)
        {
            writer.WriteInt((int)entry.Permissions);
            writer.WriteString(entry.Scheme);
            writer.WriteString(entry.Id);
        }
    }

    public static int ToFlags(CreateMode mode) => mode switch
    {
        CreateMode.Persistent => 0,
        CreateMode.Ephemeral => 1,
        CreateMode.PersistentSequential => 2,
        CreateMode.EphemeralSequential => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown create mode"),
    };

    public static bool IsSequential(CreateMode mode) =>
        mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential;

    public static void WriteStat(JuteWriter writer, ZooKeeperStat stat)
    {
        writer.WriteLong(stat.Czxid);
        writer.WriteLong(stat.Mzxid);
        writer.WriteLong(stat.Ctime);
        writer.WriteLong(stat.Mtime);
        writer.WriteInt(stat.Version);
        writer.WriteInt(stat.Cversion);
        writer.WriteInt(stat.Aversion);
        writer.WriteLong(stat.EphemeralOwner);
        writer.WriteInt(stat.DataLength);
        writer.WriteInt(stat.NumChildren);
        writer.WriteLong(stat.Pzxid);
    }
}
