using System.Buffers;
using System.Buffers.Binary;

namespace KafkaAgent.ZooKeeper.Protocol;

/// <summary>
/// Splits a byte stream into length-prefixed frames. The buffer only grows to the largest frame
/// allowed, so a hostile length costs nothing; a frame is handed out as a slice of the buffer that
/// stays valid until the next call.
/// </summary>
internal sealed class FrameReader : IDisposable
{
    private const int InitialSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly int _maxFrameLength;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public FrameReader(Stream stream, int maxFrameLength)
    {
        _stream = stream;
        _maxFrameLength = maxFrameLength;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    }

    /// <summary>
    /// Returns the next frame's body. Throws <see cref="ZooKeeperProtocolException"/> for an impossible
    /// length and <see cref="EndOfStreamException"/> when the peer closes the connection.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadFrameAsync(CancellationToken cancellationToken)
    {
        // The common case under load: the whole frame is already buffered, no await needed.
        return TryTakeFrame(out var frame) ? ValueTask.FromResult(frame) : ReadMoreAsync(cancellationToken);
    }

    /// <summary>
    /// The blocking twin of <see cref="ReadFrameAsync"/>, for a connection's dedicated reader thread:
    /// it sleeps in the kernel until bytes arrive and is woken by them directly, with no thread-pool
    /// hop and no spinning. Ends when the stream is closed under it.
    /// </summary>
    public ReadOnlyMemory<byte> ReadFrame()
    {
        ReadOnlyMemory<byte> frame;
        while (!TryTakeFrame(out frame))
        {
            var available = _end - _start;
            var needed = available < 4 ? 4 : 4 + BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start, 4));
            MakeRoom(needed);
            var read = _stream.Read(_buffer.AsSpan(_end));
            if (read == 0)
            {
                throw Closed(available, needed);
            }

            _end += read;
        }

        return frame;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadMoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = _end - _start;
            var needed = available < 4 ? 4 : 4 + BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start, 4));
            MakeRoom(needed);
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                throw Closed(available, needed);
            }

            _end += read;
            if (TryTakeFrame(out var frame))
            {
                return frame;
            }
        }
    }

    private static EndOfStreamException Closed(int available, int needed) => new(available == 0
        ? "The server closed the connection"
        : $"The server closed the connection in the middle of a frame ({available} of {needed} bytes)");

    private bool TryTakeFrame(out ReadOnlyMemory<byte> frame)
    {
        frame = default;
        var available = _end - _start;
        if (available < 4)
        {
            if (available == 0)
            {
                ResetWhenEmpty();
            }

            return false;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start, 4));
        if (length < 0 || length > _maxFrameLength)
        {
            throw new ZooKeeperProtocolException($"Frame length {length} is outside 0..{_maxFrameLength}");
        }

        if (available < 4 + length)
        {
            return false;
        }

        frame = _buffer.AsMemory(_start + 4, length);
        _start += 4 + length;
        return true;
    }

    private void ResetWhenEmpty()
    {
        _start = 0;
        _end = 0;

        // Give back the large buffer a 1 MB frame needed instead of holding it for the connection's life.
        if (_buffer.Length > 4 * InitialSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    private void MakeRoom(int needed)
    {
        var available = _end - _start;
        if (_buffer.Length - _start >= needed && _end < _buffer.Length)
        {
            return;
        }

        var target = _buffer.Length >= needed ? _buffer : ArrayPool<byte>.Shared.Rent(needed);
        _buffer.AsSpan(_start, available).CopyTo(target);
        if (!ReferenceEquals(target, _buffer))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
        }

        _start = 0;
        _end = available;
    }
}
