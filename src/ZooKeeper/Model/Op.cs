namespace KafkaAgent.ZooKeeper;

/// <summary>One operation of a multi transaction. Build them with the static factories.</summary>
public abstract record Op(string Path)
{
    /// <summary>Creates a node (ACL world:anyone, all permissions).</summary>
    public static CreateOp Create(string path, ReadOnlyMemory<byte> data, CreateMode mode = CreateMode.Persistent) => new(path, data, mode);

    /// <summary>Deletes a node; version -1 matches any version.</summary>
    public static DeleteOp Delete(string path, int version = -1) => new(path, version);

    /// <summary>Sets a node's data; version -1 matches any version.</summary>
    public static SetDataOp SetData(string path, ReadOnlyMemory<byte> data, int version = -1) => new(path, data, version);

    /// <summary>Fails the transaction unless the node exists with this version.</summary>
    public static CheckOp Check(string path, int version) => new(path, version);
}

/// <summary>Multi op: create a node.</summary>
public sealed record CreateOp(string Path, ReadOnlyMemory<byte> Data, CreateMode Mode = CreateMode.Persistent) : Op(Path);

/// <summary>Multi op: delete a node.</summary>
public sealed record DeleteOp(string Path, int Version = -1) : Op(Path);

/// <summary>Multi op: set a node's data.</summary>
public sealed record SetDataOp(string Path, ReadOnlyMemory<byte> Data, int Version = -1) : Op(Path);

/// <summary>Multi op: check a node's version.</summary>
public sealed record CheckOp(string Path, int Version) : Op(Path);
