using System.Diagnostics;
using KafkaAgent.TestBed.Processes;

namespace KafkaAgent.TestBed;

/// <summary>One real ZooKeeper server process of a <see cref="ZooKeeperEnsemble"/>.</summary>
public sealed class ZooKeeperServer
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly ZooKeeperServerOptions _options;
    private Process? _process;

    internal ZooKeeperServer(ServerPorts ports, string directory, ZooKeeperServerOptions options)
    {
        Id = ports.Id;
        ClientPort = ports.ClientPort;
        ServerDirectory = directory;
        this._options = options;
    }

    /// <summary>The server's myid (1 for a standalone server).</summary>
    public int Id { get; }

    /// <summary>The loopback port clients connect to.</summary>
    public int ClientPort { get; }

    /// <summary>The process id while the process runs (also while paused), else null.</summary>
    public int? Pid
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false } running ? running.Id : null;
            }
        }
    }

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused { get; private set; }

    /// <summary>The folder holding this server's configs, data and logs.</summary>
    public string ServerDirectory { get; }

    /// <summary>The server's zoo.cfg (with the ensemble's server.N lines when it has several members).</summary>
    public string ConfigPath => Path.Combine(ServerDirectory, ZooKeeperConfigWriter.EnsembleConfigName);

    /// <summary>The same config without server.N lines, used by <see cref="StartStandaloneAsync"/>.</summary>
    public string StandaloneConfigPath => Path.Combine(ServerDirectory, ZooKeeperConfigWriter.StandaloneConfigName);

    /// <summary>ZooKeeper's dataDir (myid, snapshots, transaction logs).</summary>
    public string DataDirectory => Path.Combine(ServerDirectory, "data");

    /// <summary>The server's log4j log.</summary>
    public string LogPath => Path.Combine(ServerDirectory, "zookeeper.log");

    /// <summary>"127.0.0.1:port".</summary>
    public string Endpoint => $"127.0.0.1:{ClientPort}";

    /// <summary>SIGTERM, then waits for the process to exit (SIGKILL after a grace period).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var running = Running();
        if (running is null)
        {
            return;
        }

        Signals.Send(running.Id, Signals.Terminate);
        // A stopped process only acts on SIGTERM once continued.
        Signals.Send(running.Id, Signals.Continue);
        IsPaused = false;
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(StopGrace);
        try
        {
            await running.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
        }
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public void Kill()
    {
        var running = Running();
        if (running is null)
        {
            return;
        }

        Signals.Send(running.Id, Signals.Kill);
        running.WaitForExit();
        IsPaused = false;
    }

    /// <summary>SIGSTOP: the kernel still accepts connections into the backlog, but nothing answers.</summary>
    public void Pause()
    {
        Signals.Send(RequireRunning().Id, Signals.Stop);
        IsPaused = true;
    }

    /// <summary>SIGCONT.</summary>
    public void Resume()
    {
        Signals.Send(RequireRunning().Id, Signals.Continue);
        IsPaused = false;
    }

    /// <summary>(Re)starts with the same config and data, and waits until it serves.</summary>
    /// <remarks>A lone ensemble member only serves once a quorum runs; to restart several, use <see cref="Launch"/>.</remarks>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Launch();
        return WaitUntilServingAsync(_options.StartTimeout, cancellationToken);
    }

    /// <summary>
    /// Restarts this member without the ensemble's server.N lines (the runbook's "only a single broker-id"
    /// fault): same data and client port, Mode standalone. <see cref="StartAsync"/> puts it back.
    /// </summary>
    public Task StartStandaloneAsync(CancellationToken cancellationToken = default)
    {
        Launch(StandaloneConfigPath);
        return WaitUntilServingAsync(_options.StartTimeout, cancellationToken);
    }

    /// <summary>Starts the process with the ensemble config without waiting for it to serve.</summary>
    public void Launch() => Launch(ConfigPath);

    /// <summary>Waits until <c>srvr</c> reports a Mode; fails early, with the log's tail, if the process exits.</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var running = Running() ?? throw new InvalidOperationException($"ZooKeeper {Id} is not running. {Diagnostics()}");
            if (await SrvrProbe.TryGetModeAsync(ClientPort, TimeSpan.FromSeconds(2), cancellationToken) is not null)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"ZooKeeper {Id} (pid {running.Id}) did not serve on {Endpoint} within {timeout}. {Diagnostics()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    internal string Diagnostics()
    {
        var exit = _process is { HasExited: true } exited ? $"Exit code {exited.ExitCode}. " : string.Empty;
        return $"{exit}Log tail ({LogPath}):\n{Tail(LogPath)}\n{Tail(Path.Combine(ServerDirectory, "zookeeper.out"))}";
    }

    private static string Tail(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 15)));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private void Launch(string configPath)
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                throw new InvalidOperationException($"ZooKeeper {Id} is already running (pid {_process.Id})");
            }

            _process?.Dispose();
            var started = ZooKeeperLauncher.Start(ServerDirectory, configPath, _options.MaxHeapMegabytes);
            ProcessRegistry.RegisterProcess(started.Id, configPath);
            started.EnableRaisingEvents = true;
            started.Exited += (_, _) => ProcessRegistry.UnregisterProcess(started.Id);
            _process = started;
            IsPaused = false;
        }
    }

    private Process? Running()
    {
        lock (_gate)
        {
            return _process is { HasExited: false } running ? running : null;
        }
    }

    private Process RequireRunning() => Running() ?? throw new InvalidOperationException($"ZooKeeper {Id} is not running");
}
