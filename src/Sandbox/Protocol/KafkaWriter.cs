using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>Writes Kafka's big-endian primitive types, classic and compact (flexible-version) forms.</summary>
internal sealed class KafkaWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public int Length => _buffer.WrittenCount;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    public KafkaWriter Int8(sbyte value)
    {
        _buffer.GetSpan(1)[0] = (byte)value;
        _buffer.Advance(1);
        return this;
    }

    public KafkaWriter Bool(bool value) => Int8(value ? (sbyte)1 : (sbyte)0);

    public KafkaWriter Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
        return this;
    }

    public KafkaWriter Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public KafkaWriter Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public KafkaWriter Uuid(KafkaUuid value) => Int64(value.MostSignificantBits).Int64(value.LeastSignificantBits);

    public KafkaWriter UnsignedVarint(uint value)
    {
        while (value >= 0x80)
        {
            Int8(unchecked((sbyte)(byte)(value | 0x80)));
            value >>= 7;
        }
        return Int8(unchecked((sbyte)(byte)value));
    }

    /// <summary>A (nullable) string: INT16 length, or compact UNSIGNED_VARINT length+1.</summary>
    public KafkaWriter String(string? value, bool compact)
    {
        if (value is null)
        {
            return compact ? UnsignedVarint(0) : Int16(-1);
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        if (compact)
        {
            UnsignedVarint((uint)bytes.Length + 1);
        }
        else
        {
            Int16(checked((short)bytes.Length));
        }
        return Raw(bytes);
    }

    public KafkaWriter ArrayLength(int count, bool compact) => compact ? UnsignedVarint((uint)count + 1) : Int32(count);

    public KafkaWriter Int32Array(IReadOnlyCollection<int> values, bool compact)
    {
        ArrayLength(values.Count, compact);
        foreach (var v in values)
        {
            Int32(v);
        }
        return this;
    }

    /// <summary>An empty tagged-field section (flexible versions only).</summary>
    public KafkaWriter NoTaggedFields() => UnsignedVarint(0);

    public KafkaWriter Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
        return this;
    }

    /// <summary>The payload prefixed with its INT32 size, ready for the socket.</summary>
    public byte[] ToFrame()
    {
        var frame = new byte[4 + _buffer.WrittenCount];
        BinaryPrimitives.WriteInt32BigEndian(frame, _buffer.WrittenCount);
        _buffer.WrittenSpan.CopyTo(frame.AsSpan(4));
        return frame;
    }
}
