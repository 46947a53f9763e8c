using System.Buffers.Binary;
using System.Text;

namespace KafkaAgent.ZooKeeper.Tests.Support;

/// <summary>
/// Builds expected byte layouts by hand from the jute definitions (big-endian int/long, one-byte
/// boolean, int-length-prefixed buffers and UTF-8 strings), independently of the client's writer.
/// </summary>
internal sealed class Bytes
{
    private readonly List<byte> _bytes = [];

    public Bytes Int(int value)
    {
        Span<byte> span = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(span, value);
        _bytes.AddRange(span.ToArray());
        return this;
    }

    public Bytes Long(long value)
    {
        Span<byte> span = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(span, value);
        _bytes.AddRange(span.ToArray());
        return this;
    }

    public Bytes Bool(bool value)
    {
        _bytes.Add(value ? (byte)1 : (byte)0);
        return this;
    }

    public Bytes Buffer(byte[] value)
    {
        Int(value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public Bytes Str(string value) => Buffer(Encoding.UTF8.GetBytes(value));

    public Bytes Raw(params byte[] value)
    {
        _bytes.AddRange(value);
        return this;
    }

    /// <summary>A Stat whose fields are 1..11 (longs and ints in jute order), 68 bytes.</summary>
    public Bytes Stat() => Long(1).Long(2).Long(3).Long(4).Int(5).Int(6).Int(7).Long(8).Int(9).Int(10).Long(11);

    public static ZooKeeperStat ExpectedStat { get; } = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    /// <summary>Prefixes the bytes with their length, as on the wire.</summary>
    public byte[] Framed() => new Bytes().Int(_bytes.Count).Raw([.. _bytes]).ToArray();

    public byte[] ToArray() => [.. _bytes];
}
