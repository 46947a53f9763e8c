using System.Collections.Concurrent;
using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Requests;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>
/// Writes a connection's requests: whoever holds the write gate drains the client's queue into one
/// batch, moves each request to the in-flight queue (in send order, which is reply order) and sends
/// the batch. A caller on an idle connection takes the gate itself (one thread hop less per
/// request); otherwise the writer loop takes it when woken (pings, bursts of pipelined requests).
/// </summary>
#pragma warning disable CA1001 // CloseAsync frees the buffer once no one can hold the gate any more.
internal sealed class RequestWriter
#pragma warning restore CA1001
{
    private const int Idle = 0;
    private const int Busy = 1;
    private const int Closed = 2;
    private const int BatchBytes = 64 * 1024;

    private readonly SessionContext _session;
    private readonly Stream _stream;
    private readonly ConcurrentQueue<Request> _inFlight;
    private readonly Action<Exception> _abort;
    private readonly CancellationToken _stop;
    private readonly JuteWriter _buffer = new();
    private int _gate;
    private int _pingDue;
    private long _lastSent;

    public RequestWriter(SessionContext session, Stream stream, ConcurrentQueue<Request> inFlight, Action<Exception> abort, CancellationToken stop)
    {
        _session = session;
        _stream = stream;
        _inFlight = inFlight;
        _abort = abort;
        _stop = stop;
        _lastSent = session.Time.GetTimestamp();
    }

    public long LastSent => Volatile.Read(ref _lastSent);

    public void RequestPing()
    {
        Volatile.Write(ref _pingDue, 1);
        _session.Outgoing.Signal();
    }

    /// <summary>The writer loop: drains whenever the queue signals, until the connection stops.</summary>
    public async Task RunAsync()
    {
        while (true)
        {
            _session.Outgoing.BeginDrain();
            await DrainAsync();
            await _session.Outgoing.WaitAsync(_stop);
        }
    }

    /// <summary>
    /// Called right after a request is queued. On an idle connection the caller takes the gate and
    /// writes the request itself (lowest latency) and this returns true. Otherwise (replies are
    /// outstanding, someone else is writing, the connection is ending) it returns false and the
    /// caller wakes the writer loop instead, so a burst of calls goes out in a few large writes.
    /// </summary>
    public bool TryWriteNow()
    {
        if (!_inFlight.IsEmpty || _stop.IsCancellationRequested || Interlocked.CompareExchange(ref _gate, Busy, Idle) != Idle)
        {
            return false;
        }

        _ = DrainHeldAsync();
        return true;
    }

    /// <summary>After the connection ended: waits out the gate's holder and closes the gate for good.</summary>
    public async Task CloseAsync()
    {
        while (Interlocked.CompareExchange(ref _gate, Closed, Idle) != Idle)
        {
            await Task.Yield();
        }

        _buffer.Dispose();
    }

    private Task DrainAsync() =>
        !_stop.IsCancellationRequested && Interlocked.CompareExchange(ref _gate, Busy, Idle) == Idle ? DrainHeldAsync() : Task.CompletedTask;

    /// <summary>Drains with the gate held; on letting go it looks at the queue again, so nothing queued meanwhile is left behind.</summary>
    private async Task DrainHeldAsync()
    {
        do
        {
            try
            {
                while (!_stop.IsCancellationRequested && FillBatch())
                {
                    await _stream.WriteAsync(_buffer.Written, _stop);
                    Volatile.Write(ref _lastSent, _session.Time.GetTimestamp());
                }
            }
#pragma warning disable CA1031 // Any write failure ends the connection; the connection reports why.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _abort(exception);
            }
            finally
            {
                Volatile.Write(ref _gate, Idle);
            }
        }
        while ((!_session.Outgoing.IsEmpty || Volatile.Read(ref _pingDue) == 1)
            && !_stop.IsCancellationRequested
            && Interlocked.CompareExchange(ref _gate, Busy, Idle) == Idle);
    }

    private bool FillBatch()
    {
        _buffer.Reset();
        if (Interlocked.Exchange(ref _pingDue, 0) == 1)
        {
            _buffer.BeginFrame();
            JuteCodec.WriteRequestHeader(_buffer, Xid.Ping, OpCode.Ping);
            _buffer.EndFrame();
        }

        while (_buffer.Length < BatchBytes && _session.Outgoing.TryDequeue(out var request))
        {
            // The caller gave up (cancelled, timed out) before it was sent: nothing to match.
            if (!request.IsCompleted && TryEncode(request))
            {
                _inFlight.Enqueue(request);
            }
        }

        return _buffer.Length > 0;
    }

    private bool TryEncode(Request request)
    {
        var xid = _session.NextXid();
        _buffer.BeginFrame();
        try
        {
            JuteCodec.WriteRequestHeader(_buffer, xid, request.Type);
            request.WriteBody(_buffer);
        }
#pragma warning disable CA1031 // Whatever a request fails to encode belongs to that caller, not to the connection.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _buffer.AbandonFrame();
            request.Fail(exception);
            return false;
        }

        // The server drops the whole connection on a frame over jute.maxbuffer; fail only this request.
        if (_buffer.CurrentFrameLength > _session.MaxPacketLength)
        {
            var length = _buffer.CurrentFrameLength;
            _buffer.AbandonFrame();
            request.Fail(new ZooKeeperException(ZooKeeperErrorCode.MarshallingError, request.Path,
                $"Request of {length} bytes exceeds the packet limit of {_session.MaxPacketLength} bytes (jute.maxbuffer)"));
            return false;
        }

        _buffer.EndFrame();
        request.Xid = xid;
        return true;
    }
}
