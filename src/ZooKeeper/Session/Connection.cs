using System.Collections.Concurrent;
using System.Net.Sockets;
using KafkaAgent.ZooKeeper.Protocol;
using KafkaAgent.ZooKeeper.Requests;

namespace KafkaAgent.ZooKeeper.Session;

/// <summary>
/// One established connection: a <see cref="RequestWriter"/> draining the client's queue in batches, a reader matching
/// replies to the in-flight queue by xid (the server answers in order), pings when idle, and a read
/// timeout. Whatever ends it (peer close, protocol error, timeout, abort) fails the in-flight requests.
/// </summary>
#pragma warning disable CA1001 // RunAsync disposes what it owns once both loops have stopped.
internal sealed class Connection
#pragma warning restore CA1001
{
    private readonly SessionContext _session;
    private readonly Stream _stream;
    private readonly FrameReader _frames;
    // Written by the writer, read by the reader and the timer: lock-free, so the two loops never contend.
    private readonly ConcurrentQueue<Request> _inFlight = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly long _readTimeoutTicks;
    private readonly long _pingIntervalTicks;
    private readonly RequestWriter _writer;
    private long _lastReceived;
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
        _lastReceived = session.Time.GetTimestamp();
        _writer = new RequestWriter(session, stream, _inFlight, Abort, _stop.Token);
    }

    public HostEndpoint Host { get; }

    public TimeSpan NegotiatedTimeout { get; }

    public RequestWriter Writer => _writer;

    /// <summary>Runs until the connection ends; returns why it ended. In-flight requests have failed by then.</summary>
    public async Task<Exception> RunAsync()
    {
        var reading = StartReaderThread();
        var writing = _writer.RunAsync();
        var first = await Task.WhenAny(reading, writing);
        Abort(first.Exception?.GetBaseException() ?? new EndOfStreamException("The connection ended"));
        await Task.WhenAll(reading.ContinueWith(static _ => { }, TaskScheduler.Default), writing.ContinueWith(static _ => { }, TaskScheduler.Default));
        await _writer.CloseAsync();
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

        // Shut the socket down first: that is what wakes a thread blocked in a read on every platform.
        if (_stream is NetworkStream network)
        {
            try
            {
                network.Socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
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

        if (now - _writer.LastSent >= _pingIntervalTicks)
        {
            _writer.RequestPing();
        }

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

    /// <summary>
    /// Replies are read by a thread of the connection's own, blocked in the kernel between frames:
    /// it wakes when bytes arrive, with no thread-pool hop or spinning, and never runs callers' code
    /// (their continuations and watch callbacks run elsewhere). It ends when the socket closes.
    /// </summary>
    private Task StartReaderThread()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    var frame = _frames.ReadFrame();
                    Volatile.Write(ref _lastReceived, _session.Time.GetTimestamp());
                    Dispatch(frame.Span);
                }
            }
#pragma warning disable CA1031 // Whatever ends the reads ends the connection; RunAsync reports it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                ended.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = $"ZooKeeper reader {Host}",
        };
        thread.Start();
        return ended.Task;
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
                if (header.Err != 0)
                {
                    // The server closes the connection after this; the session loop connects again.
                    Log.AuthFailed(_session.Logger, Host, header.Err);
                }
                else
                {
                    Log.AuthReply(_session.Logger, Host, header.Err);
                }

                return;
            default:
                break;
        }

        _inFlight.TryDequeue(out var request);
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

    private void FailInFlight(Exception reason)
    {
        while (_inFlight.TryDequeue(out var request))
        {
            request.Fail(new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, request.Path, $"Connection to {Host} lost: {reason.Message}", reason));
        }
    }
}
