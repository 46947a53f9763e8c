using System.Globalization;
using System.Text;
using KafkaAgent.TestBed;
using KafkaAgent.ZooKeeper;
using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.Bench.Demo;

/// <summary>
/// The first `scripts/demo`: a real ZooKeeper, our client registering a broker the way Kafka does
/// (/brokers/ids/N, ephemeral), reading it back, the four-letter words the agent's probe uses, and the
/// registration vanishing with its session. Later issues replace this with the sandbox demo.
/// </summary>
internal static class ZooKeeperDemo
{
    private static readonly TimeSpan WordTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(CancellationToken ct)
    {
        Step("starting Debian's ZooKeeper 3.8 (standalone, loopback, temp dir)");
        await using var ensemble = await ZooKeeperEnsemble.StartAsync(1, new ZooKeeperServerOptions(), ct);
        var server = ensemble.Servers[0];
        Console.WriteLine($"    pid {server.Pid}, {server.Endpoint}, config {server.ConfigPath}");

        Step("four-letter words (what the agent's ZooKeeper probe asks first)");
        var srvr = await FourLetterWordClient.SrvrAsync("127.0.0.1", server.ClientPort, WordTimeout, ct);
        Console.WriteLine(Invariant($"    srvr: Mode {srvr.ModeText}, Zxid 0x{srvr.Zxid:x}, {srvr.NodeCount} znodes, {srvr.Connections} connection(s)"));
        var mntr = await FourLetterWordClient.MntrAsync("127.0.0.1", server.ClientPort, WordTimeout, ct);
        Console.WriteLine(Invariant(
            $"    mntr: zk_server_state {mntr.Values["zk_server_state"]}, zk_znode_count {mntr.ZnodeCount}, zk_avg_latency {mntr.AverageLatency}, zk_open_file_descriptor_count {mntr.OpenFileDescriptorCount}"));

        Step("a broker registers itself with our client (ephemeral /brokers/ids/1, as Kafka 2.x does)");
        await using var broker = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = ensemble.ConnectionString }, ct);
        Console.WriteLine(Invariant($"    session 0x{broker.SessionId:x}, negotiated timeout {broker.NegotiatedSessionTimeout.TotalSeconds} s"));
        await broker.CreateAsync("/brokers", ReadOnlyMemory<byte>.Empty, cancellationToken: ct);
        await broker.CreateAsync("/brokers/ids", ReadOnlyMemory<byte>.Empty, cancellationToken: ct);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var registration = $$"""{"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},"endpoints":["PLAINTEXT://127.0.0.1:9092"],"jmx_port":-1,"host":"127.0.0.1","timestamp":"{{timestamp}}","port":9092,"version":4}""";
        var created = await broker.CreateAsync("/brokers/ids/1", Encoding.UTF8.GetBytes(registration), CreateMode.Ephemeral, ct);
        Console.WriteLine($"    created {created}");

        Step("the agent reads it back on its own session");
        await using var agent = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = ensemble.ConnectionString }, ct);
        var ids = await agent.GetChildrenAsync("/brokers/ids", cancellationToken: ct);
        Console.WriteLine($"    /brokers/ids children: [{string.Join(", ", ids.Children)}]");
        var data = await agent.GetDataAsync("/brokers/ids/1", cancellationToken: ct);
        Console.WriteLine(Invariant($"    /brokers/ids/1 (ephemeral owner 0x{data.Stat.EphemeralOwner:x}): {Encoding.UTF8.GetString(data.Data)}"));

        Step("the broker's session closes: its registration vanishes");
        var gone = new TaskCompletionSource<WatchedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await agent.ExistsAsync("/brokers/ids/1", e => gone.TrySetResult(e), ct);
        await broker.DisposeAsync();
        var fired = await gone.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var left = await agent.GetChildrenAsync("/brokers/ids", cancellationToken: ct);
        Console.WriteLine($"    watch fired: {fired.Type} {fired.Path}; /brokers/ids children now: [{string.Join(", ", left.Children)}]");

        Step("tearing down (ZooKeeper killed, temp dir deleted)");
        return 0;
    }

    private static void Step(string text) => Console.WriteLine($"==> {text}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
