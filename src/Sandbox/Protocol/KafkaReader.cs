using System.Buffers.Binary;
using System.Text;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>Reads Kafka's big-endian primitive types, classic and compact (flexible-version) forms.</summary>
internal ref struct KafkaReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public KafkaReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Remaining => _buffer.Length - _position;

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public bool ReadBool() => Take(1)[0] != 0;

    public KafkaUuid ReadUuid()
    {
        var most = ReadInt64();
        return new KafkaUuid(most, ReadInt64());
    }

    public uint ReadUnsignedVarint()
    {
        uint value = 0;
        for (var shift = 0; shift <= 28; shift += 7)
        {
            var b = Take(1)[0];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new KafkaProtocolException("varint is longer than 5 bytes");
    }

    /// <summary>INT16 length then UTF-8; -1 means null.</summary>
    public string? ReadNullableString()
    {
        var length = ReadInt16();
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>UNSIGNED_VARINT length+1 then UTF-8; 0 means null.</summary>
    public string? ReadCompactNullableString()
    {
        var lengthPlusOne = ReadUnsignedVarint();
        return lengthPlusOne == 0 ? null : Encoding.UTF8.GetString(Take(checked((int)(lengthPlusOne - 1))));
    }

    /// <summary>Array length: INT32 (-1 = null) or, when compact, UNSIGNED_VARINT length+1 (0 = null).</summary>
    public int ReadArrayLength(bool compact)
    {
        var length = compact ? checked((int)ReadUnsignedVarint()) - 1 : ReadInt32();
        if (length > Remaining)
        {
            throw new KafkaProtocolException($"array length {length} exceeds the {Remaining} bytes left");
        }
        return length;
    }

    public string? ReadString(bool compact) => compact ? ReadCompactNullableString() : ReadNullableString();

    /// <summary>BYTES (INT32 length) or COMPACT_BYTES (UNSIGNED_VARINT length+1).</summary>
    public byte[] ReadBytes(bool compact)
    {
        var length = compact ? checked((int)ReadUnsignedVarint()) - 1 : ReadInt32();
        if (length < 0 || length > Remaining)
        {
            throw new KafkaProtocolException($"bytes length {length} does not fit the {Remaining} bytes left");
        }
        return Take(length).ToArray();
    }

    /// <summary>Skips a tagged-field section: none of the requests the stand-in parses defines tags it needs.</summary>
    public void SkipTaggedFields()
    {
        var count = ReadUnsignedVarint();
        for (var i = 0; i < count; i++)
        {
            _ = ReadUnsignedVarint();
            var size = checked((int)ReadUnsignedVarint());
            _ = Take(size);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new KafkaProtocolException($"needed {count} bytes, {Remaining} left");
        }
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
