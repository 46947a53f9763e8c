using KafkaAgent.TestBed.Ports;
using KafkaAgent.TestBed.Processes;

namespace KafkaAgent.TestBed;

/// <summary>
/// Debian's real ZooKeeper 3.8, standalone (size 1) or as an ensemble, on free loopback ports in a
/// temp dir. Dispose kills every member and deletes the temp dir.
/// </summary>
public sealed class ZooKeeperEnsemble : IAsyncDisposable
{
    private const int StartAttempts = 3;
    private readonly List<PortLease> _leases;
    private readonly string? _ownedDirectoryToken;
    private int _disposed;

    private ZooKeeperEnsemble(string baseDirectory, List<ZooKeeperServer> servers, List<PortLease> leases, string? ownedDirectoryToken)
    {
        BaseDirectory = baseDirectory;
        Servers = servers;
        this._leases = leases;
        this._ownedDirectoryToken = ownedDirectoryToken;
    }

    /// <summary>The members, ordered by id (1..size).</summary>
    public IReadOnlyList<ZooKeeperServer> Servers { get; }

    /// <summary>"127.0.0.1:p1,127.0.0.1:p2,..." in id order.</summary>
    public string ConnectionString => string.Join(',', Servers.Select(server => server.Endpoint));

    /// <summary>The folder holding one subfolder per member.</summary>
    public string BaseDirectory { get; }

    /// <summary>Starts <paramref name="size"/> servers and returns once every one serves (Mode leader/follower, or standalone).</summary>
    public static async Task<ZooKeeperEnsemble> StartAsync(int size, ZooKeeperServerOptions? options = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        options ??= new ZooKeeperServerOptions();
        for (var attempt = 1; ; attempt++)
        {
            var ensemble = Create(size, options);
            try
            {
                foreach (var server in ensemble.Servers)
                {
                    server.Launch();
                }

                await Task.WhenAll(ensemble.Servers.Select(server => server.WaitUntilServingAsync(options.StartTimeout, ct)));
                return ensemble;
            }
            catch (Exception e) when (attempt < StartAttempts && !ct.IsCancellationRequested && LostPortRace(ensemble))
            {
                // A process outside the test bed took one of our ports between the trial bind and
                // ZooKeeper's bind: new ports, new try.
                _ = e;
                await ensemble.DisposeAsync();
            }
            catch
            {
                await ensemble.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Kills every member (SIGKILL), releases the ports and deletes an owned temp dir.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var server in Servers)
        {
            server.Kill();
        }

        foreach (var lease in _leases)
        {
            lease.Dispose();
        }

        if (_ownedDirectoryToken is not null)
        {
            if (new DirectoryInfo(BaseDirectory) is { Exists: true, LinkTarget: null })
            {
                Directory.Delete(BaseDirectory, recursive: true);
            }

            ProcessRegistry.UnregisterDirectory(_ownedDirectoryToken);
        }

        return ValueTask.CompletedTask;
    }

    private static ZooKeeperEnsemble Create(int size, ZooKeeperServerOptions options)
    {
        string baseDirectory;
        string? token = null;
        if (options.BaseDirectory is null)
        {
            baseDirectory = Directory.CreateTempSubdirectory("kafka-agent-zk-").FullName;
            token = ProcessRegistry.RegisterDirectory(baseDirectory);
        }
        else
        {
            baseDirectory = Path.GetFullPath(options.BaseDirectory);
            Directory.CreateDirectory(baseDirectory);
        }

        var leases = new List<PortLease>();
        var members = new List<ServerPorts>();
        for (var id = 1; id <= size; id++)
        {
            var client = Lease(leases);
            // A standalone server opens no quorum or election port.
            members.Add(size == 1 ? new ServerPorts(id, client, 0, 0) : new ServerPorts(id, client, Lease(leases), Lease(leases)));
        }

        var servers = new List<ZooKeeperServer>();
        foreach (var member in members)
        {
            var directory = Path.Combine(baseDirectory, $"zk{member.Id}");
            ZooKeeperConfigWriter.Write(directory, member, members, options);
            servers.Add(new ZooKeeperServer(member, directory, options));
        }

        return new ZooKeeperEnsemble(baseDirectory, servers, leases, token);
    }

    private static int Lease(List<PortLease> leases)
    {
        var lease = PortAllocator.Allocate();
        leases.Add(lease);
        return lease.Port;
    }

    private static bool LostPortRace(ZooKeeperEnsemble ensemble) =>
        ensemble.Servers.Any(server => server.Diagnostics().Contains("Address already in use", StringComparison.Ordinal));
}
