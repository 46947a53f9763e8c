using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace KafkaAgent.ZooKeeper.Protocol;

/// <summary>
/// Writes jute's binary archive into a pooled, growing buffer. One instance is reused by a
/// connection's writer for a whole batch of length-prefixed frames.
/// </summary>
internal sealed class JuteWriter : IDisposable
{
    private const int InitialSize = 64 * 1024;
    private byte[] _buffer;
    private int _length;
    private int _frameStart = -1;

    public JuteWriter(int initialSize = InitialSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Bytes written since <see cref="BeginFrame"/>, excluding its length prefix.</summary>
    public int CurrentFrameLength => _length - _frameStart - 4;

    public void Reset()
    {
        _length = 0;
        _frameStart = -1;

        // A rare huge request (1 MB of data) should not pin a huge array for the connection's life.
        if (_buffer.Length > 4 * InitialSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    public void BeginFrame()
    {
        _frameStart = _length;
        WriteInt(0);
    }

    /// <summary>Patches the frame's length prefix and returns the frame's length (without the prefix).</summary>
    public int EndFrame()
    {
        var frameLength = CurrentFrameLength;
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_frameStart, 4), frameLength);
        _frameStart = -1;
        return frameLength;
    }

    /// <summary>Drops everything written since <see cref="BeginFrame"/> (a request too large to send).</summary>
    public void AbandonFrame()
    {
        _length = _frameStart;
        _frameStart = -1;
    }

    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Grow(4), value);

    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Grow(8), value);

    public void WriteBool(bool value) => Grow(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        value.CopyTo(Grow(value.Length));
    }

    public void WriteString(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteInt(byteCount);
        Encoding.UTF8.GetBytes(value, Grow(byteCount));
    }

    public void WriteStringVector(IReadOnlyCollection<string> values)
    {
        WriteInt(values.Count);
        foreach (var value in values)
        {
            WriteString(value);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
