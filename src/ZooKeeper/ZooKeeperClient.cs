using KafkaAgent.ZooKeeper.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.ZooKeeper;

/// <summary>
/// An asynchronous ZooKeeper client: one session, kept alive across connection losses by
/// reconnecting to the servers of the connection string in turn. Thread-safe; requests are
/// pipelined and answered in order. Watch callbacks and <see cref="StateChanged"/> run one at a
/// time, in order, on a dispatcher of their own.
/// </summary>
public sealed partial class ZooKeeperClient : IAsyncDisposable
{
    private readonly ZooKeeperClientOptions _options;
    private readonly ConnectionString _connectionString;
    private readonly HostRing _hosts;
    private readonly ZooKeeperPath _paths;
    private readonly SessionContext _session;
    private readonly ILogger _logger;
    private readonly Lock _stateLock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _timer;
    private ZooKeeperState _state = ZooKeeperState.Connecting;
    private SessionIdentity _identity;
    private TimeSpan _negotiatedTimeout;
    private Connection? _connection;
    private Task _sessionLoop = Task.CompletedTask;
    private int _closing;
    private Task? _disposal;

    private ZooKeeperClient(ZooKeeperClientOptions options)
    {
        _options = options;
        _connectionString = Session.ConnectionString.Parse(options.ConnectionString);
        _hosts = new HostRing(_connectionString.Hosts, options.ShuffleHosts ? Random.Shared : null);
        _paths = new ZooKeeperPath(_connectionString.Chroot);
        _logger = options.LoggerFactory?.CreateLogger("KafkaAgent.ZooKeeper") ?? NullLogger.Instance;
        _session = new SessionContext(options.TimeProvider, _logger, _paths, options.MaxPacketLength, options.Connector ?? TcpConnector.ConnectAsync, options.Auth);
        _identity = options.SessionId == 0 ? SessionIdentity.New : new SessionIdentity(options.SessionId, options.SessionPassword.ToArray());
        _timer = options.TimeProvider.CreateTimer(static s => ((ZooKeeperClient)s!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised on every state change, in order, on the event dispatcher (never on the I/O loop).</summary>
    public event EventHandler<ZooKeeperState>? StateChanged;

    /// <summary>The session's state as the client sees it.</summary>
    public ZooKeeperState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>The session id (0 until the first session is established).</summary>
    public long SessionId => Volatile.Read(ref _identity).SessionId;

    /// <summary>The session password, to resume the session from another client.</summary>
    public ReadOnlyMemory<byte> SessionPassword => Volatile.Read(ref _identity).Password;

    /// <summary>The session timeout the server granted.</summary>
    public TimeSpan NegotiatedSessionTimeout
    {
        get
        {
            lock (_stateLock)
            {
                return _negotiatedTimeout;
            }
        }
    }

    /// <summary>"host:port" of the server this client is connected to, or null while not connected.</summary>
    public string? ConnectedServer => Volatile.Read(ref _connection)?.Host.ToString();

    /// <summary>The highest zxid seen in a reply (what a reconnect presents to the server).</summary>
    public long LastZxid => _session.LastZxid;

    /// <summary>
    /// Creates a client and waits for its session. Throws <see cref="ZooKeeperException"/> with
    /// ConnectionLoss when no server gave a session within <see cref="ZooKeeperClientOptions.ConnectTimeout"/>,
    /// or SessionExpired when resuming a session that no longer exists.
    /// </summary>
    public static async Task<ZooKeeperClient> ConnectAsync(ZooKeeperClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new ZooKeeperClient(options);
        client.Start();
        try
        {
            await client._firstSession.Task.WaitAsync(options.ConnectTimeout, options.TimeProvider, cancellationToken);
            return client;
        }
        catch (TimeoutException exception)
        {
            await client.DisposeAsync();
            throw new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, null,
                $"No ZooKeeper session from {options.ConnectionString} within {options.ConnectTimeout.TotalSeconds:0.###} s", exception);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the session (CloseSession, so its ephemeral nodes go at once) and stops the client.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_stateLock)
        {
            _disposal ??= CloseAsync();
        }

        return new ValueTask(_disposal);
    }

    private void Start()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(
            Math.Min(_options.SessionTimeout.TotalMilliseconds / 12, _options.RequestTimeout == Timeout.InfiniteTimeSpan ? double.MaxValue : _options.RequestTimeout.TotalMilliseconds / 10),
            20,
            500));
        _timer.Change(tick, tick);
        _sessionLoop = Task.Run(() => RunSessionAsync(_lifetime.Token));
    }

    private void OnTick()
    {
        var now = _session.Time.GetTimestamp();
        _session.Outgoing.FailOverdue(now, static r => new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, r.Path, "No connection to ZooKeeper within the request timeout"));
        Volatile.Read(ref _connection)?.OnTick(now);
    }

    /// <summary>Moves to a new state and tells the handlers; Closed is final; Expired only moves to Closed.</summary>
    private bool SetState(ZooKeeperState state)
    {
        lock (_stateLock)
        {
            if (_state == state || _state == ZooKeeperState.Closed || (_state == ZooKeeperState.Expired && state != ZooKeeperState.Closed))
            {
                return false;
            }

            _state = state;

            // Posted under the lock so handlers see transitions in the order they happened; the
            // handlers are those subscribed now, so a late subscriber never gets a stale state.
            var handlers = StateChanged;
            if (handlers is not null)
            {
                _session.Events.Post(() => handlers(this, state));
            }
            return true;
        }
    }
}
