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
    private readonly ZooKeeperClientOptions options;
    private readonly string path;
    private readonly ICycleTrigger trigger;
    private readonly TimeProvider time;
    private readonly ILogger<RegistrationWatcher> logger;
    private readonly Channel<Rearm> rearm = Channel.CreateUnbounded<Rearm>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<WatchedEvent> watcher;
    private ZooKeeperClient? session;
    private bool wasDisconnected;

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
        this.options = options;
        path = $"/brokers/ids/{brokerId}";
        this.trigger = trigger;
        this.time = time;
        this.logger = logger;
        // One delegate for the watcher's life: the client keeps one watcher per delegate and path, so setting it
        // again after a reconnect (when the client has re-armed it already) cannot make it fire twice.
        watcher = OnWatch;
    }

    private enum Rearm
    {
        Watch,
        NewSession,
    }

    /// <summary>The held session, for tests.</summary>
    internal ZooKeeperClient? Session => Volatile.Read(ref session);

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
                    if (pendingRearm == Rearm.NewSession || session is null or { State: ZooKeeperState.Expired or ZooKeeperState.Closed })
                    {
                        await ReplaceSessionAsync(stoppingToken);
                    }
                    var exists = await session!.ExistsAsync(path, watcher, stoppingToken);
                    Armed?.Invoke(exists is not null);
                    retry = TimeSpan.FromSeconds(1);
                    pendingRearm = await rearm.Reader.ReadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
                    || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
                {
                    // ZooKeeper unreachable: the cycle reports it; try again, backing off to the session timeout.
                    Log.WatchNotArmed(logger, ex.Message);
                    var drained = DrainedOrRetry();
                    await Task.Delay(retry, time, stoppingToken);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, options.SessionTimeout.Ticks));
                    pendingRearm = drained;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (Interlocked.Exchange(ref session, null) is { } last)
            {
                await last.DisposeAsync();
            }
        }
    }

    private Rearm DrainedOrRetry()
    {
        var result = Rearm.Watch;
        while (rearm.Reader.TryRead(out var r))
        {
            result = r == Rearm.NewSession ? r : result;
        }
        return session is { State: ZooKeeperState.Expired or ZooKeeperState.Closed } ? Rearm.NewSession : result;
    }

    private async Task ReplaceSessionAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref session, null) is { } old)
        {
            old.StateChanged -= OnStateChanged;
            await old.DisposeAsync();
        }
        var client = await ZooKeeperClient.ConnectAsync(options, cancellationToken);
        client.StateChanged += OnStateChanged;
        wasDisconnected = false;
        Volatile.Write(ref session, client);
        Log.SessionConnected(logger, client.SessionId, path);
    }

    // Runs on the client's dispatcher, one event at a time: only record and signal here.
    private void OnStateChanged(object? sender, ZooKeeperState state)
    {
        var at = time.GetTimestamp();
        switch (state)
        {
            case ZooKeeperState.Disconnected:
                wasDisconnected = true;
                Log.SessionState(logger, "connection lost");
                trigger.Request(DetectionEvent.SessionLost, at);
                break;
            case ZooKeeperState.Connected when wasDisconnected:
                wasDisconnected = false;
                Log.SessionState(logger, "reconnected");
                trigger.Request(DetectionEvent.SessionReconnected, at);
                rearm.Writer.TryWrite(Rearm.Watch);
                break;
            case ZooKeeperState.Expired:
                Log.SessionState(logger, "expired");
                trigger.Request(DetectionEvent.SessionExpired, at);
                rearm.Writer.TryWrite(Rearm.NewSession);
                break;
            default:
                break;
        }
    }

    private void OnWatch(WatchedEvent e)
    {
        var at = time.GetTimestamp();
        if (e.Type == WatchEventType.NodeDeleted)
        {
            Log.RegistrationDeleted(logger, path);
            trigger.Request(DetectionEvent.RegistrationLost, at);
        }
        // Session-end notices (type None) are handled by OnStateChanged; every node event re-arms.
        if (e.Type != WatchEventType.None)
        {
            rearm.Writer.TryWrite(Rearm.Watch);
        }
    }
}
