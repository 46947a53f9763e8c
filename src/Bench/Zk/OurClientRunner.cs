using System.Diagnostics;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Bench.Zk;

/// <summary>Our client's half of `scripts/bench zk`: the same reads kazoo_bench.py does.</summary>
internal static class OurClientRunner
{
    public static async Task<ReadFigures> RunAsync(string connectionString, int serverPid, ZkBenchSettings settings, CancellationToken ct)
    {
        await using var client = await ZooKeeperClient.ConnectAsync(
            new ZooKeeperClientOptions { ConnectionString = connectionString, RequestTimeout = TimeSpan.FromSeconds(60) }, ct);
        await EnsureNodeAsync(client, settings.Path, ct);

        await PipelinedAsync(client, settings.Path, settings.WarmupReads, ct);
        for (var i = 0; i < settings.WarmupReads / 10; i++)
        {
            await client.GetDataAsync(settings.Path, cancellationToken: ct);
        }

        var serverCpu = ServerCpu(serverPid);
        var clientCpu = Environment.CpuUsage.TotalTime;
        var elapsed = await PipelinedAsync(client, settings.Path, settings.ThroughputReads, ct);
        clientCpu = Environment.CpuUsage.TotalTime - clientCpu;
        serverCpu = ServerCpu(serverPid) - serverCpu;

        var latencies = new double[settings.LatencyReads];
        for (var i = 0; i < latencies.Length; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            await client.GetDataAsync(settings.Path, cancellationToken: ct);
            latencies[i] = Stopwatch.GetElapsedTime(begin).TotalMicroseconds;
        }

        Array.Sort(latencies);
        return new ReadFigures(
            settings.ThroughputReads / elapsed.TotalSeconds,
            ReadFigures.Percentile(latencies, 0.50),
            ReadFigures.Percentile(latencies, 0.99),
            clientCpu.TotalMicroseconds / settings.ThroughputReads,
            serverCpu.TotalMicroseconds / settings.ThroughputReads);
    }

    private static TimeSpan ServerCpu(int pid)
    {
        using var server = Process.GetProcessById(pid);
        return server.TotalProcessorTime;
    }

    // Issues every read before awaiting any, as kazoo's get_async loop does.
    private static async Task<TimeSpan> PipelinedAsync(ZooKeeperClient client, string path, int reads, CancellationToken ct)
    {
        var pending = new Task<ZooKeeperData>[reads];
        var begin = Stopwatch.GetTimestamp();
        for (var i = 0; i < reads; i++)
        {
            pending[i] = client.GetDataAsync(path, cancellationToken: ct);
        }

        foreach (var read in pending)
        {
            if ((await read).Data.Length != 1024)
            {
                throw new InvalidOperationException($"{path} does not hold 1024 bytes");
            }
        }

        return Stopwatch.GetElapsedTime(begin);
    }

    private static async Task EnsureNodeAsync(ZooKeeperClient client, string path, CancellationToken ct)
    {
        var parent = path[..path.LastIndexOf('/')];
        foreach (var (node, data) in new[] { (parent, Array.Empty<byte>()), (path, new byte[1024]) })
        {
            if (node.Length > 0 && await client.ExistsAsync(node, cancellationToken: ct) is null)
            {
                try
                {
                    await client.CreateAsync(node, data, cancellationToken: ct);
                }
                catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
                {
                    // Created by the other client meanwhile.
                }
            }
        }
    }
}
