using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Requests;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>
/// One established connection: a writer draining the client's queue in batches, a reader matching
/// replies to the in-flight queue by xid (the server answers in order), pings when idle, and a read
/// timeout. Whatever ends it (peer close, protocol error, timeout, abort) fails the in-flight requests.
/// </summary>
#pragma warning disable CA1001 // RunAsync disposes what it owns once both loops have stopped.
internal sealed class Connection
#pragma warning restore CA1001
{
    private const int BatchBytes = 64 * 1024;

    private readonly SessionContext _session;
    private readonly Stream _stream;
    private readonly FrameReader _frames;
    private readonly Queue<Request> _inFlight = new();
    private readonly Lock _inFlightLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _readTimeoutTicks;
    private readonly long _pingIntervalTicks;
    private long _lastReceived;
    private long _lastSent;
    private int _pingDue;
    private Exception? _endReason;

    public Connection(SessionContext session, HostEndpoint host, Stream stream, FrameReader frames, TimeSpan negotiatedTimeout)
    {
        _session = session;
        Host = host;
        _stream = stream;
        _frames = frames;
        NegotiatedTimeout = negotiatedTimeout;

        // As the official clients: a connection silent for 2/3 of the session timeout is dead,
        // and an idle one pings at half that, so a live server always answers in time.
        var frequency = session.Time.TimestampFrequency;
        _readTimeoutTicks = (long)(negotiatedTimeout.TotalSeconds * 2 / 3 * frequency);
        _pingIntervalTicks = _readTimeoutTicks / 2;
        _lastReceived = _lastSent = session.Time.GetTimestamp();
    }

    public HostEndpoint Host { get; }

    public TimeSpan NegotiatedTimeout { get; }

    /// <summary>Runs until the connection ends; returns why it ended. In-flight requests have failed by then.</summary>
    public async Task<Exception> RunAsync()
    {
        var reading = ReadLoopAsync();
        var writing = WriteLoopAsync();
        var first = await Task.WhenAny(reading, writing);
        Abort(first.Exception?.GetBaseException() ?? new EndOfStreamException("The connection ended"));
        await Task.WhenAll(reading.ContinueWith(static _ => { }, TaskScheduler.Default), writing.ContinueWith(static _ => { }, TaskScheduler.Default));
        _frames.Dispose();
        _stop.Dispose();

        var reason = Volatile.Read(ref _endReason)!;
        FailInFlight(reason);
        return reason;
    }

    /// <summary>Ends the connection (read timeout, client closing); the first reason given wins.</summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _endReason, reason, null) is not null)
        {
            return;
        }

        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }

        _stream.Dispose();
    }

    /// <summary>Timer tick: read timeout, ping when idle, callers' request timeouts.</summary>
    public void OnTick(long now)
    {
        if (now - Volatile.Read(ref _lastReceived) > _readTimeoutTicks)
        {
            Abort(new TimeoutException($"No reply from {Host} for {NegotiatedTimeout.TotalMilliseconds * 2 / 3:F0} ms"));
            return;
        }

        if (now - Volatile.Read(ref _lastSent) >= _pingIntervalTicks)
        {
            Volatile.Write(ref _pingDue, 1);
            _session.Outgoing.Signal();
        }

        lock (_inFlightLock)
        {
            foreach (var request in _inFlight)
            {
                if (request.Deadline > now)
                {
                    break;
                }

                // The caller stops waiting; the request stays in the pipeline so its reply still matches.
                if (!request.IsCompleted)
                {
                    request.Fail(new ZooKeeperException(ZooKeeperErrorCode.RequestTimeout, request.Path, $"No reply from {Host} within the request timeout"));
                }
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var cancellationToken = _stop.Token;
        while (true)
        {
            var frame = await _frames.ReadFrameAsync(cancellationToken);
            Volatile.Write(ref _lastReceived, _session.Time.GetTimestamp());
            Dispatch(frame.Span);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Read(ref reader);
        switch (header.Xid)
        {
            case Xid.Ping:
                return;
            case Xid.Notification:
                _session.Notify(WatcherEventRecord.Read(ref reader));
                return;
            case Xid.SetWatches:
                if (header.Err != 0)
                {
                    Log.SetWatchesFailed(_session.Logger, Host, header.Err);
                }

                return;
            case Xid.Auth:
                Log.AuthReply(_session.Logger, Host, header.Err);
                return;
            default:
                break;
        }

        Request? request;
        lock (_inFlightLock)
        {
            _inFlight.TryDequeue(out request);
        }

        if (request is null || request.Xid != header.Xid)
        {
            var error = new ZooKeeperProtocolException(request is null
                ? $"Reply with xid {header.Xid} while no request is in flight"
                : $"Reply with xid {header.Xid} where xid {request.Xid} was due");
            request?.Fail(error);
            throw error;
        }

        if (header.Zxid > 0)
        {
            _session.ObserveZxid(header.Zxid);
        }

        try
        {
            request.Complete(header, ref reader, _session.Requests);
        }
        catch (ZooKeeperProtocolException exception)
        {
            request.Fail(exception);
            throw;
        }
    }

    private async Task WriteLoopAsync()
    {
        var cancellationToken = _stop.Token;
        using var writer = new JuteWriter();
        while (true)
        {
            _session.Outgoing.BeginDrain();
            while (FillBatch(writer))
            {
                await _stream.WriteAsync(writer.Written, cancellationToken);
                Volatile.Write(ref _lastSent, _session.Time.GetTimestamp());
            }

            await _session.Outgoing.WaitAsync(cancellationToken);
        }
    }

    private bool FillBatch(JuteWriter writer)
    {
        writer.Reset();
        if (Interlocked.Exchange(ref _pingDue, 0) == 1)
        {
            writer.BeginFrame();
            JuteCodec.WriteRequestHeader(writer, Xid.Ping, OpCode.Ping);
            writer.EndFrame();
        }

        while (writer.Length < BatchBytes && _session.Outgoing.TryDequeue(out var request))
        {
            // The caller gave up (cancelled, timed out) before it was sent: nothing to match.
            if (request.IsCompleted)
            {
                continue;
            }

            if (TryWrite(writer, request))
            {
                lock (_inFlightLock)
                {
                    _inFlight.Enqueue(request);
                }
            }
        }

        return writer.Length > 0;
    }

    private bool TryWrite(JuteWriter writer, Request request)
    {
        var xid = _session.NextXid();
        writer.BeginFrame();
        try
        {
            JuteCodec.WriteRequestHeader(writer, xid, request.Type);
            request.WriteBody(writer);
        }
#pragma warning disable CA1031 // Whatever a request fails to encode belongs to that caller, not to the connection.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            writer.AbandonFrame();
            request.Fail(exception);
            return false;
        }

        // The server drops the whole connection on a frame over jute.maxbuffer; fail only this request.
        if (writer.CurrentFrameLength > _session.MaxPacketLength)
        {
            var length = writer.CurrentFrameLength;
            writer.AbandonFrame();
            request.Fail(new ZooKeeperException(ZooKeeperErrorCode.MarshallingError, request.Path,
                $"Request of {length} bytes exceeds the packet limit of {_session.MaxPacketLength} bytes (jute.maxbuffer)"));
            return false;
        }

        writer.EndFrame();
        request.Xid = xid;
        request.Sent = true;
        return true;
    }

    private void FailInFlight(Exception reason)
    {
        List<Request> failed;
        lock (_inFlightLock)
        {
            failed = [.. _inFlight];
            _inFlight.Clear();
        }

        foreach (var request in failed)
        {
            request.Fail(new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, request.Path, $"Connection to {Host} lost: {reason.Message}", reason));
        }
    }
}
