using System.Diagnostics;
using System.Text;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Sandbox.Orchestration;

/// <summary>
/// ZooKeeper's own snapshots and transaction logs in each host's dataDir (version-2/snapshot.* and log.*),
/// written by the real server. A stock server rolls them every 50,000 to 100,000 writes and never deletes
/// them (autopurge is off by default); the sandbox lowers snapCount so that more than the three of each
/// that `zkCleanup.sh -n 3` keeps exist soon after `up`.
/// </summary>
internal static class ZooKeeperHistory
{
    /// <summary>More than the newest 3 a purge keeps, so that a purge has something to delete.</summary>
    public const int Wanted = 4;

    /// <summary>The sandbox's own znode, outside Kafka's paths and any chroot, written to make history.</summary>
    public const string Path = "/kafka-sandbox";

    public const string ConfigLines = """

        # The sandbox: a snapshot and a new transaction log every 5 to 10 writes (stock: 50,000 to 100,000),
        # never purged (autopurge off, the default), so dataDir soon holds more than zkCleanup.sh -n 3 keeps.
        snapCount=10
        autopurge.purgeInterval=0

        """;

    public static (int Snapshots, int Logs) Count(string versionDir)
    {
        if (!Directory.Exists(versionDir))
        {
            return (0, 0);
        }
        var names = Directory.EnumerateFiles(versionDir).Select(f => System.IO.Path.GetFileName(f)).ToList();
        return (names.Count(n => n.StartsWith("snapshot.", StringComparison.Ordinal)), names.Count(n => n.StartsWith("log.", StringComparison.Ordinal)));
    }

    /// <summary>Writes to <see cref="Path"/> until every member's dataDir holds <see cref="Wanted"/> snapshots and logs.</summary>
    public static async Task EnsureAsync(SandboxState state, CancellationToken ct)
    {
        bool Enough() => state.Hosts.All(h => Count(h.Layout.ZooKeeperVersionDir) is { Snapshots: >= Wanted, Logs: >= Wanted });
        if (Enough())
        {
            return;
        }
        await using var zk = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectionString = state.ZooKeeperConnect,
            SessionTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        }, ct);
        await ZooKeeperPaths.EnsurePersistentAsync(zk, Path, ct);
        var clock = Stopwatch.StartNew();
        for (var write = 0; !Enough(); write++)
        {
            if (write >= 1000 || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                var counts = string.Join(", ", state.Hosts.Select(h => $"host-{h.Id}: {Count(h.Layout.ZooKeeperVersionDir)}"));
                throw new TimeoutException($"ZooKeeper wrote too few snapshots and transaction logs after {write} writes to {Path} ({counts}); is snapCount in zoo.cfg honoured?");
            }
            await zk.SetDataAsync(Path, Encoding.ASCII.GetBytes($"write {write}"), -1, ct);
            if (write % 10 == 9)
            {
                await Task.Delay(100, ct); // snapshots are written by a background thread
            }
        }
    }
}
