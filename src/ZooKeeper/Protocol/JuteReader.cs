using System.Buffers.Binary;
using System.Text;

namespace KafkaAgent.ZooKeeper.Protocol;

/// <summary>
/// Reads jute's binary archive (big-endian ints and longs, length-prefixed buffers, strings and
/// vectors) from one frame. Every length is checked against what is left of the frame before
/// anything is allocated, so a hostile frame costs at most its own size.
/// </summary>
internal ref struct JuteReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public JuteReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly int Remaining => _span.Length - _position;

    public int ReadInt()
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(Take(4));
        return value;
    }

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public bool ReadBool() => Take(1)[0] == 1;

    /// <summary>A jute buffer; -1 (null) reads as an empty array.</summary>
    public byte[] ReadBuffer()
    {
        var length = ReadLength("buffer");
        return length <= 0 ? [] : Take(length).ToArray();
    }

    /// <summary>A jute ustring; -1 (null) reads as null.</summary>
    public string? ReadString()
    {
        var length = ReadLength("string");
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public string ReadRequiredString(string what) =>
        ReadString() ?? throw new ZooKeeperProtocolException($"Null {what} in a ZooKeeper reply");

    /// <summary>A jute vector of ustrings; -1 (null) reads as empty.</summary>
    public List<string> ReadStringVector()
    {
        var count = ReadInt();
        if (count < -1)
        {
            throw new ZooKeeperProtocolException($"Negative vector count {count}");
        }

        // Each element needs at least its 4-byte length prefix: an impossible count is refused before allocating.
        if (count > Remaining / 4)
        {
            throw new ZooKeeperProtocolException($"Vector count {count} exceeds the {Remaining} bytes left in the frame");
        }

        var list = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadRequiredString("vector element"));
        }

        return list;
    }

    public ZooKeeperStat ReadStat() => new(
        Czxid: ReadLong(),
        Mzxid: ReadLong(),
        Ctime: ReadLong(),
        Mtime: ReadLong(),
        Version: ReadInt(),
        Cversion: ReadInt(),
        Aversion: ReadInt(),
        EphemeralOwner: ReadLong(),
        DataLength: ReadInt(),
        NumChildren: ReadInt(),
        Pzxid: ReadLong());

    private int ReadLength(string what)
    {
        var length = ReadInt();
        if (length < -1)
        {
            throw new ZooKeeperProtocolException($"Negative {what} length {length}");
        }

        if (length > Remaining)
        {
            throw new ZooKeeperProtocolException($"The {what} length {length} exceeds the {Remaining} bytes left in the frame");
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new ZooKeeperProtocolException($"Truncated frame: needed {count} more bytes, {Remaining} left");
        }

        var slice = _span.Slice(_position, count);
        _position += count;
        return slice;
    }
}
