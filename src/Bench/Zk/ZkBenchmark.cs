using System.Globalization;
using KafkaAgent.TestBed;
using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.Bench.Zk;

/// <summary>
/// `scripts/bench zk`: our client and kazoo, taking turns, against the same freshly started standalone
/// ZooKeeper (Debian's server via the TestBed), doing the same reads of the same 1 KB node.
/// </summary>
internal static class ZkBenchmark
{
    public static async Task<int> RunAsync(ZkBenchSettings settings, CancellationToken ct)
    {
        await using var ensemble = await ZooKeeperEnsemble.StartAsync(1, new ZooKeeperServerOptions { MaxHeapMegabytes = 1024 }, ct);
        var server = ensemble.Servers[0];
        var srvr = await FourLetterWordClient.SrvrAsync("127.0.0.1", server.ClientPort, TimeSpan.FromSeconds(10), ct);
        Console.WriteLine($"ZooKeeper {srvr.Version.Split(',')[0]} ({srvr.ModeText}) at {ensemble.ConnectionString}; node {settings.Path} of 1024 bytes");
        Console.WriteLine(Invariant(
            $"{settings.ThroughputReads} pipelined reads, {settings.LatencyReads} sequential reads, {settings.WarmupReads} warm-up reads per client and round; best of {settings.Rounds} rounds"));

        var serverPid = server.Pid ?? throw new InvalidOperationException("ZooKeeper is not running");
        var kazooRounds = new List<ReadFigures>();
        var ourRounds = new List<ReadFigures>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // kazoo first: in round 1 it also creates the node. Each side warms up before it measures.
            kazooRounds.Add(await KazooRunner.RunAsync(ensemble.ConnectionString, serverPid, settings, ct));
            ourRounds.Add(await OurClientRunner.RunAsync(ensemble.ConnectionString, serverPid, settings, ct));
            await Console.Error.WriteLineAsync(Invariant($"round {round}: ours {Describe(ourRounds[^1])}; kazoo {Describe(kazooRounds[^1])}"));
        }

        var ours = ReadFigures.Best(ourRounds);
        var kazoo = ReadFigures.Best(kazooRounds);
        Console.WriteLine(Invariant(
            $"getData throughput: ours {ours.OperationsPerSecond:F0} ops/s, kazoo {kazoo.OperationsPerSecond:F0} ops/s, ratio {ours.OperationsPerSecond / kazoo.OperationsPerSecond:F2}x"));
        // Latency ratios are kazoo/ours, so above 1x means ours is faster, as for throughput.
        Console.WriteLine(Invariant(
            $"getData latency p50: ours {ours.P50Microseconds:F0} us, kazoo {kazoo.P50Microseconds:F0} us, ratio {kazoo.P50Microseconds / ours.P50Microseconds:F2}x"));
        Console.WriteLine(Invariant(
            $"getData latency p99: ours {ours.P99Microseconds:F0} us, kazoo {kazoo.P99Microseconds:F0} us, ratio {kazoo.P99Microseconds / ours.P99Microseconds:F2}x"));
        Console.WriteLine(Invariant(
            $"CPU per pipelined read: client ours {ours.ClientCpuPerRead:F1} us, kazoo {kazoo.ClientCpuPerRead:F1} us; ZooKeeper server {ours.ServerCpuPerRead:F1} us with ours, {kazoo.ServerCpuPerRead:F1} us with kazoo"));
        var throughputMet = ours.OperationsPerSecond >= 2 * kazoo.OperationsPerSecond;
        var latencyMet = ours.P50Microseconds <= kazoo.P50Microseconds;
        Console.WriteLine(
            $"target: throughput >= 2x kazoo {(throughputMet ? "met" : "MISSED")}, p50 no worse than kazoo {(latencyMet ? "met" : "MISSED")}");
        return 0;
    }

    private static string Describe(ReadFigures figures) => Invariant(
        $"{figures.OperationsPerSecond:F0} ops/s, p50 {figures.P50Microseconds:F0} us, p99 {figures.P99Microseconds:F0} us, CPU/read client {figures.ClientCpuPerRead:F1} us server {figures.ServerCpuPerRead:F1} us");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
