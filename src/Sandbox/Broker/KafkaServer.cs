using System.Net;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Config;
using KafkaAgent.Sandbox.LogDirs;
using KafkaAgent.Sandbox.Protocol;
using KafkaAgent.ZooKeeper;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Broker;

/// <summary>
/// The broker stand-in's life, in Kafka 2.8's start-up order: ZooKeeper session and cluster id, log
/// dirs (validate, lock, load, meta.properties), listener, registration in /brokers/ids, controller
/// election; then a loop that keeps the metadata cache, checkpoints and fault modes current. Returns
/// the process exit code: 0 after a graceful stop, 1 when it halts like Kafka.
/// </summary>
internal sealed class KafkaServer(BrokerConfig config, ILoggerFactory loggers, TimeProvider time)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly ILogger _logger = loggers.CreateLogger("kafka.server.KafkaServer");
    private readonly ILogger _kafkaLogger = loggers.CreateLogger("kafka.Kafka$");
    private ControllerDuties? _duties;
    private readonly BrokerZooKeeper _zk = new(config, loggers, time);
    private volatile ClusterSnapshot _cache = ClusterSnapshot.Empty;
    private ZooKeeperClient? _session;
    private int? _controllerEpoch;
    private bool _zombie;
    private bool _registrationPending;

    public async Task<int> RunAsync(CancellationToken stop)
    {
        using var logs = new LogManager(config, loggers, time);
        var servers = new List<KafkaSocketServer>();
        try
        {
            Log.Starting(_logger);
            var faults = FaultModes.Read(config.ControlFile);
            Log.ConnectingToZooKeeper(_logger, config.ZooKeeperConnect);
            _session = await _zk.ConnectAsync(stop);
            await BrokerZooKeeper.EnsureKafkaPathsAsync(_session, stop);
            var clusterId = await BrokerZooKeeper.GetOrCreateClusterIdAsync(_session, stop);
            Log.ClusterId(_logger, clusterId);

            logs.CreateAndValidate();
            await logs.LockAndLoadAsync(faults.SlowStart, stop);
            logs.CheckAndWriteMeta(config.BrokerId, clusterId);

            var dispatcher = new RequestDispatcher(() => _cache);
            var socketLogger = loggers.CreateLogger("kafka.network.SocketServer");
            var tls = config.Tls is { } tlsSettings ? TlsAcceptor.Load(tlsSettings) : null;
            foreach (var listener in config.Listeners)
            {
                var address = listener.Host.Length == 0 ? IPAddress.Any : IPAddress.Parse(listener.Host == "localhost" ? "127.0.0.1" : listener.Host);
                var secured = listener.SecurityProtocol is "SSL" or "SASL_SSL" ? tls : null;
                var server = new KafkaSocketServer(new IPEndPoint(address, listener.Port), listener.ListenerName, dispatcher, socketLogger, secured,
                    config.SaslPlainUsers.GetValueOrDefault(listener.ListenerName));
                server.Start();
                servers.Add(server);
            }
            // As Kafka 2.8: register first, then start the controller (election) and serve.
            await _zk.RegisterAsync(_session, stop);
            await RefreshAsync(logs, stop);
            Log.Server(_logger, config.BrokerId, "started");
        }
        catch (FatalBrokerException e)
        {
            // LogManager halts the JVM itself (Exit.halt(1)) with its own FATAL line.
            Log.Fatal(loggers.CreateLogger("kafka.log.LogManager"), e.Message);
            await ShutdownAsync(servers, logs: null, graceful: false);
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // KafkaServer.startup: a failure (NODEEXISTS on /brokers/ids/<id> among them) shuts down in full,
            // log manager included (which marks loaded dirs clean), then Kafka.main exits with 1.
            Log.FatalServerStartup(_logger, config.BrokerId, e);
            await ShutdownAsync(servers, logs.LoadingStarted ? logs : null, graceful: true);
            Log.Fatal(_kafkaLogger, "Exiting Kafka.");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // SIGTERM while starting up: Kafka's shutdown hook finds the server still starting, refuses, and
            // halts. No clean-shutdown marker is written (loading already deleted it), so the next start
            // recovers again; the ZooKeeper session is left to expire.
            Log.Server(_logger, config.BrokerId, "shutting down");
            Log.FatalShutdown(_logger, config.BrokerId, new InvalidOperationException("Kafka server is still starting up, cannot shut down!"));
            Log.Fatal(_kafkaLogger, "Halting Kafka.");
            return 1;
        }

        try
        {
            await LoopAsync(logs, servers, stop);
        }
        catch (FatalBrokerException e)
        {
            // Exit.halt(1): no controlled shutdown, the ZooKeeper session is left to expire.
            Log.Fatal(loggers.CreateLogger("kafka.log.LogManager"), e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // SIGTERM arrived in the middle of a ZooKeeper request: still a controlled shutdown.
        }
        await ShutdownAsync(servers, logs, graceful: true);
        return 0;
    }

    private async Task LoopAsync(LogManager logs, List<KafkaSocketServer> servers, CancellationToken stop)
    {
        var lastModes = FaultModes.None;
        var lastCheckpoint = time.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var modes = FaultModes.Read(config.ControlFile) with { SlowStart = TimeSpan.Zero };
            if (modes != lastModes)
            {
                Log.FaultModeChanged(_logger, modes.Describe());
                lastModes = modes;
            }
            foreach (var s in servers)
            {
                s.Hung = modes.Hung;
            }
            await KeepSessionAsync(modes.Zombie, logs, stop);
            if (time.GetElapsedTime(lastCheckpoint) >= config.CheckpointInterval)
            {
                logs.Checkpoint();
                lastCheckpoint = time.GetTimestamp();
            }
            try
            {
                await Task.Delay(Tick, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task KeepSessionAsync(bool zombie, LogManager logs, CancellationToken stop)
    {
        if (zombie && !_zombie)
        {
            // The session ends and the broker stays up without registering again: what an operator
            // sees after a session expiry whose re-registration failed.
            _zombie = true;
            _controllerEpoch = null;
            Log.Session(_logger, "Session closed by the zombie fault; the broker keeps running unregistered");
            await CloseSessionAsync();
            return;
        }
        if (zombie)
        {
            return;
        }
        _zombie = false;
        try
        {
            if (_session is null || _session.State is ZooKeeperState.Expired or ZooKeeperState.Closed)
            {
                if (_session is not null)
                {
                    Log.Session(_logger, $"Session expired (0x{_session.SessionId:x}); creating a new session");
                }
                await CloseSessionAsync();
                _controllerEpoch = null;
                _session = await _zk.ConnectAsync(stop);
                _registrationPending = true;
            }
            if (_registrationPending && _session.State == ZooKeeperState.Connected)
            {
                try
                {
                    // Kafka 2.x re-registers the broker after a new session (afterInitializingSession);
                    // while the old session's node lingers, it fails with NodeExists and is tried again.
                    await _zk.RegisterAsync(_session, stop);
                    _registrationPending = false;
                }
                catch (ZooKeeperException e)
                {
                    Log.ReRegisterFailed(_logger, e.Message);
                }
            }
            if (_session.State == ZooKeeperState.Connected)
            {
                await RefreshAsync(logs, stop);
            }
        }
        catch (Exception e) when (e is ZooKeeperException or TimeoutException or IOException)
        {
            Log.RefreshFailed(_logger, e.Message);
        }
    }

    private async Task RefreshAsync(LogManager logs, CancellationToken stop)
    {
        var zk = _session!;
        var snapshot = await ClusterReader.ReadAsync(zk, stop);
        if (snapshot.ControllerId < 0)
        {
            _controllerEpoch = await _zk.TryElectAsync(zk, stop) ?? _controllerEpoch;
            snapshot = await ClusterReader.ReadAsync(zk, stop);
        }
        if (snapshot.ControllerId == config.BrokerId && _controllerEpoch is { } epoch)
        {
            _duties ??= new ControllerDuties(_zk.ControllerLogger, time, config.IsrCatchUp);
            await _duties.RunAsync(zk, snapshot, epoch, stop);
        }
        else if (snapshot.ControllerId != config.BrokerId)
        {
            _controllerEpoch = null;
        }
        if (_controllerEpoch is null)
        {
            _duties = null; // a later tenure starts its catch-up clocks afresh
        }
        foreach (var topic in snapshot.Topics)
        {
            foreach (var p in topic.Partitions.Where(p => p.Replicas.Contains(config.BrokerId)))
            {
                logs.EnsurePartition(topic.Name, p.Partition, topic.TopicId);
            }
        }
        _cache = snapshot;
    }

    /// <summary>KafkaServer.shutdown in Kafka's order: listeners, log manager (checkpoints, clean-shutdown markers), ZooKeeper session.</summary>
    private async Task ShutdownAsync(List<KafkaSocketServer> servers, LogManager? logs, bool graceful)
    {
        if (graceful)
        {
            Log.Server(_logger, config.BrokerId, "shutting down");
        }
        foreach (var s in servers)
        {
            await s.DisposeAsync();
        }
        if (logs is not null)
        {
            logs.Shutdown();
        }
        await CloseSessionAsync();
        if (graceful)
        {
            Log.Server(_logger, config.BrokerId, "shut down completed");
        }
    }

    private async Task CloseSessionAsync()
    {
        if (_session is { } s)
        {
            _session = null;
            try
            {
                await s.DisposeAsync();
            }
            catch (Exception e) when (e is ZooKeeperException or IOException or TimeoutException or ObjectDisposedException)
            {
                // closing a session on a dead server: it expires by itself
            }
        }
    }
}
