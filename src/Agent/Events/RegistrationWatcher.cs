using System.Threading.Channels;
using KafkaAgent.Configuration;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Events;

/// <summary>
/// Holds the agent's own ZooKeeper session with an exists-watch on this broker's /brokers/ids/&lt;id&gt;: requests a
/// cycle when the node is deleted, and when the session is lost, comes back or expires. Watches are one-shot, so
/// the watch is set again after every event and after every reconnect; an expired session is replaced.
/// </summary>
internal sealed class RegistrationWatcher : BackgroundService
{
    private readonly ZooKeeperClientOptions _options;
    private readonly string _path;
    private readonly ICycleTrigger _trigger;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistrationWatcher> _logger;
    private readonly Channel<Rearm> _rearm = Channel.CreateUnbounded<Rearm>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<WatchedEvent> _watcher;
    private ZooKeeperClient? _session;
    private bool _wasDisconnected;

    public RegistrationWatcher(AgentSettings settings, ICycleTrigger trigger, TimeProvider time, ILogger<RegistrationWatcher> logger)
        : this(new ZooKeeperClientOptions
        {
            ConnectionString = settings.ZooKeeper.Connect.ConnectionString,
            ConnectTimeout = settings.ZooKeeper.Timeout,
            RequestTimeout = settings.ZooKeeper.Timeout,
            TimeProvider = time,
        }, settings.Kafka.BrokerId, trigger, time, logger)
    {
    }

    internal RegistrationWatcher(ZooKeeperClientOptions options, int brokerId, ICycleTrigger trigger, TimeProvider time, ILogger<RegistrationWatcher> logger)
    {
        this._options = options;
        _path = $"/brokers/ids/{brokerId}";
        this._trigger = trigger;
        this._time = time;
        this._logger = logger;
        // One delegate for the watcher's life: the client keeps one watcher per delegate and path, so setting it
        // again after a reconnect (when the client has re-armed it already) cannot make it fire twice.
        _watcher = OnWatch;
    }

    private enum Rearm
    {
        Watch,
        NewSession,
    }

    /// <summary>The held session, for tests.</summary>
    internal ZooKeeperClient? Session => Volatile.Read(ref _session);

    /// <summary>Completes each time the watch has been set; for tests.</summary>
    internal event Action<bool>? Armed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        var pendingRearm = Rearm.NewSession;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (pendingRearm == Rearm.NewSession || _session is null or { State: ZooKeeperState.Expired or ZooKeeperState.Closed })
                    {
                        await ReplaceSessionAsync(stoppingToken);
                    }
                    var exists = await _session!.ExistsAsync(_path, _watcher, stoppingToken);
                    Armed?.Invoke(exists is not null);
                    retry = TimeSpan.FromSeconds(1);
                    pendingRearm = await _rearm.Reader.ReadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
                    || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
                {
                    // ZooKeeper unreachable: the cycle reports it; try again, backing off to the session timeout.
                    Log.WatchNotArmed(_logger, ex.Message);
                    var drained = DrainedOrRetry();
                    await Task.Delay(retry, _time, stoppingToken);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, _options.SessionTimeout.Ticks));
                    pendingRearm = drained;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (Interlocked.Exchange(ref _session, null) is { } last)
            {
                await last.DisposeAsync();
            }
        }
    }

    private Rearm DrainedOrRetry()
    {
        var result = Rearm.Watch;
        while (_rearm.Reader.TryRead(out var r))
        {
            result = r == Rearm.NewSession ? r : result;
        }
        return _session is { State: ZooKeeperState.Expired or ZooKeeperState.Closed } ? Rearm.NewSession : result;
    }

    private async Task ReplaceSessionAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _session, null) is { } old)
        {
            old.StateChanged -= OnStateChanged;
            await old.DisposeAsync();
        }
        var client = await ZooKeeperClient.ConnectAsync(_options, cancellationToken);
        client.StateChanged += OnStateChanged;
        _wasDisconnected = false;
        Volatile.Write(ref _session, client);
        Log.SessionConnected(_logger, client.SessionId, _path);
    }

    // Runs on the client's dispatcher, one event at a time: only record and signal here.
    private void OnStateChanged(object? sender, ZooKeeperState state)
    {
        var at = _time.GetTimestamp();
        switch (state)
        {
            case ZooKeeperState.Disconnected:
                _wasDisconnected = true;
                Log.SessionState(_logger, "connection lost");
                _trigger.Request(DetectionEvent.SessionLost, at);
                break;
            case ZooKeeperState.Connected when _wasDisconnected:
                _wasDisconnected = false;
                Log.SessionState(_logger, "reconnected");
                _trigger.Request(DetectionEvent.SessionReconnected, at);
                _rearm.Writer.TryWrite(Rearm.Watch);
                break;
            case ZooKeeperState.Expired:
                Log.SessionState(_logger, "expired");
                _trigger.Request(DetectionEvent.SessionExpired, at);
                _rearm.Writer.TryWrite(Rearm.NewSession);
                break;
            default:
                break;
        }
    }

    private void OnWatch(WatchedEvent e)
    {
        var at = _time.GetTimestamp();
        if (e.Type == WatchEventType.NodeDeleted)
        {
            Log.RegistrationDeleted(_logger, _path);
            _trigger.Request(DetectionEvent.RegistrationLost, at);
        }
        // Session-end notices (type None) are handled by OnStateChanged; every node event re-arms.
        if (e.Type != WatchEventType.None)
        {
            _rearm.Writer.TryWrite(Rearm.Watch);
        }
    }
}
