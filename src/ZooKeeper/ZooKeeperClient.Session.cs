using KafkaAgent.ZooKeeper.Requests;
using KafkaAgent.ZooKeeper.Session;

namespace KafkaAgent.ZooKeeper;

/// <summary>The session loop: connect, serve until the connection ends, move to the next server.</summary>
public sealed partial class ZooKeeperClient
{
    private static readonly TimeSpan MinimumAttemptTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaximumBackoff = TimeSpan.FromSeconds(1);

    private async Task RunSessionAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var host = _hosts.Next();
            HandshakeResult result;
            try
            {
                Log.Connecting(_logger, host);
                result = await Handshake.OpenAsync(_session, host, Volatile.Read(ref _identity), _options.SessionTimeout, AttemptTimeout(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure to reach one server means: try the next one.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.ConnectFailed(_logger, host, exception.Message);
                if (++failures % _hosts.Count == 0)
                {
                    if (_options.FailQueuedWhenUnreachable)
                    {
                        // No connection is open here, so nothing else dequeues meanwhile.
                        _session.Outgoing.FailAll(r => new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, r.Path,
                            $"No ZooKeeper server of {_options.ConnectionString} accepts connections ({exception.Message})"));
                    }

                    if (!await BackOffAsync(failures / _hosts.Count, cancellationToken))
                    {
                        return;
                    }
                }

                continue;
            }

            if (result.Expired)
            {
                Expire();
                return;
            }

            failures = 0;
            await ServeAsync(result.Connection!, result.Identity!);
            if (cancellationToken.IsCancellationRequested || Volatile.Read(ref _closing) == 1)
            {
                return;
            }

            SetState(ZooKeeperState.Disconnected);
            if (!await PauseBeforeReconnectAsync(cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>
    /// A short random pause before reconnecting, as the official clients take: many clients of a
    /// failed server do not all land at once, and a client whose session was just taken over by
    /// another connection does not snatch it back before that connection is done with it.
    /// </summary>
    private Task<bool> PauseBeforeReconnectAsync(CancellationToken cancellationToken)
    {
        var limit = Math.Min(MaximumBackoff.TotalMilliseconds, NegotiatedSessionTimeout.TotalMilliseconds / 10);
        return DelayAsync(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * limit), cancellationToken);
    }

    private async Task ServeAsync(Connection connection, SessionIdentity identity)
    {
        lock (_stateLock)
        {
            _negotiatedTimeout = connection.NegotiatedTimeout;
        }

        Volatile.Write(ref _identity, identity);
        Volatile.Write(ref _connection, connection);
        Log.Connected(_logger, identity.SessionId, connection.Host, connection.NegotiatedTimeout.TotalMilliseconds);
        SetState(ZooKeeperState.Connected);
        _firstSession.TrySetResult();

        // Closing may have started while this connection was being opened.
        if (_lifetime.IsCancellationRequested)
        {
            connection.Abort(new OperationCanceledException("The client is closing"));
        }

        var reason = await connection.RunAsync();
        Volatile.Write(ref _connection, null);
        if (reason is ZooKeeperProtocolException)
        {
            Log.ProtocolError(_logger, connection.Host, reason);
        }
        else if (Volatile.Read(ref _closing) == 0)
        {
            Log.ConnectionLost(_logger, connection.Host, identity.SessionId, reason.Message);
        }
    }

    /// <summary>
    /// Per-server attempt: the session timeout shared over the servers, as the official clients do,
    /// but never more than a third of it, so a server that accepts and never answers (starting up,
    /// stopped) cannot use up the whole session before the next attempt.
    /// </summary>
    private TimeSpan AttemptTimeout()
    {
        var timeout = NegotiatedSessionTimeout > TimeSpan.Zero ? NegotiatedSessionTimeout : _options.SessionTimeout;
        var share = timeout / Math.Max(_hosts.Count, 3);
        return share < MinimumAttemptTimeout ? MinimumAttemptTimeout : share;
    }

    /// <summary>After every server failed once: wait a little (growing, with jitter) before the next round.</summary>
    private Task<bool> BackOffAsync(int round, CancellationToken cancellationToken)
    {
        var baseDelay = TimeSpan.FromMilliseconds(Math.Min(MaximumBackoff.TotalMilliseconds, 50 * Math.Pow(2, Math.Min(round, 10))));
        return DelayAsync(baseDelay * (0.5 + (Random.Shared.NextDouble() / 2)), cancellationToken);
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _session.Time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The server said the session is gone: fail everything, tell the watchers, stop.</summary>
    private void Expire()
    {
        Log.SessionExpired(_logger, SessionId);
        SetState(ZooKeeperState.Expired);
        _session.Outgoing.FailAll(r => new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, r.Path));
        var ended = new WatchedEvent(WatchEventType.None, ZooKeeperState.Expired, null);
        foreach (var watcher in _session.Watches.TakeAll())
        {
            _session.Events.Post(watcher, ended);
        }

        _firstSession.TrySetException(new ZooKeeperException(ZooKeeperErrorCode.SessionExpired, null,
            $"ZooKeeper session 0x{SessionId:x} has expired"));
    }

    private async Task CloseAsync()
    {
        Volatile.Write(ref _closing, 1);
        if (State == ZooKeeperState.Connected)
        {
            Log.Closing(_logger, SessionId);
            var close = new CloseSessionRequest { Deadline = _session.Deadline(CloseTimeout()) };
            Enqueue(close);
            try
            {
                await close.Task.WaitAsync(CloseTimeout(), _session.Time);
            }
#pragma warning disable CA1031 // The server expires an unconfirmed session on its own; closing goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.CloseUnconfirmed(_logger, SessionId, exception.Message);
            }
        }

        await _lifetime.CancelAsync();
        Volatile.Read(ref _connection)?.Abort(new OperationCanceledException("The client is closing"));
        await _sessionLoop;
        await _timer.DisposeAsync();
        _session.Outgoing.FailAll(r => new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, r.Path, "The client was closed"));
        SetState(ZooKeeperState.Closed);
        _firstSession.TrySetException(new ObjectDisposedException(nameof(ZooKeeperClient)));
        _session.Watches.TakeAll();
        await _session.Events.DisposeAsync();
        _lifetime.Dispose();
    }

    private TimeSpan CloseTimeout()
    {
        var timeout = NegotiatedSessionTimeout / 3;
        return timeout < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : timeout;
    }
}
