using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;
using Xunit.Abstractions;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// Tier 3 in a 3-broker sandbox with the real agent on host 1 (disk.reclaim_replicated: true): a log dir filled past
/// critical with segments of a partition that has in-sync copies on brokers 2 and 3 gets that partition deleted and
/// re-created by the restarted broker, while a larger partition whose only copy is here stays byte for byte.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReclaimEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task LogDirCritical_DeletesAReplicatedPartitionAndRefusesTheOnlyCopy()
    {
        using var agent = new HealingAgent(brokers: 3, """
            interval_seconds: 2
            disk:
              reclaim_replicated: true
            heal:
              grace_seconds:
                reclaim_log_dirs: 4
              verify_timeout_seconds: 10

            """);
        var logDir = Path.Combine(agent.Sandbox.HostDir(1), "var", "kafka");
        var solo = Path.Combine(logDir, "solo-0");

        // A topic with one replica, on broker 1 only, created as kafka-topics.sh --zookeeper does; the broker creates
        // its directory. It gets a segment bigger than anything else here: largest first would take it if allowed.
        await CreateTopicAsync(agent.Sandbox, "solo", brokerId: 1);
        Assert.True(Eventually(() => Directory.Exists(solo)), "broker 1 never created " + solo);
        var segment = Path.Combine(solo, $"{0:D20}.log");
        await File.WriteAllBytesAsync(segment, RandomNumberGenerator.GetBytes(16 << 20));
        Shell.Run("chown", "--reference=" + solo, segment);
        var soloBefore = Fingerprint(solo);
        Assert.True(agent.WaitHealthy(Bound).Healthy, "not healthy before the fault: " + agent.Cli("check").Output);
        var offset = agent.LogLength;
        var clock = Stopwatch.StartNew();

        // Segments of orders-0 (replicas on brokers 1, 2, 3, all in sync) fill the disk so far past critical that what
        // tiers 1 and 2 free (rotated application logs, old ZooKeeper snapshots) cannot bring it below.
        agent.Sandbox.Fault("disk-fill", 1, "--percent", "99", "--with", "segments");

        var done = Eventually(() => Regex.IsMatch(agent.LogSince(offset), "heal reclaim_log_dirs on [^\n]*: (success|failure)"));
        var (healthy, check) = agent.WaitHealthy(Bound);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heal time reclaim_log_dirs (disk.critical of a log dir): {clock.Elapsed.TotalSeconds:0.0} s from the fault to check OK"));
        var log = agent.LogSince(offset);
        Assert.True(done, log);
        Assert.True(healthy, check + log);

        // Tiers 1 and 2 went first and could not help; tier 3 deleted orders-0 only, said so, and kept solo-0.
        var tierOne = Regex.Match(log, "heal clean_app_logs on [^\n]*: starting");
        var tierThree = Regex.Match(log, "heal reclaim_log_dirs on [^\n]*: starting");
        Assert.True(tierOne.Success && tierThree.Success && tierOne.Index < tierThree.Index, log);
        Assert.Matches($"heal reclaim_log_dirs on {Regex.Escape(logDir)}: success [^\n]*stopped on SIGTERM[^\n]*deleted 1 partition \\(orders-0;", log);
        Assert.Matches("heal reclaim_log_dirs: deleted partition orders-0 from [^\n]*: in sync on broker 2,3", log);
        Assert.Matches("heal reclaim_log_dirs: kept partition solo-0 in [^\n]*: the only copy", log);
        Assert.DoesNotMatch("deleted partition (solo|payments|__)", log);
        Assert.DoesNotContain("SIGKILL", log, StringComparison.Ordinal);
        Assert.Equal(soloBefore, Fingerprint(solo));
        // The restarted broker created orders-0 again, to fetch it back from the leader.
        Assert.True(Directory.Exists(Path.Combine(logDir, "orders-0")));

        var metrics = agent.Scrape();
        Assert.Matches(@"kafka_agent_remediations_total\{action=""reclaim_log_dirs"",result=""success""\} 1", metrics);
        Assert.Matches(@"kafka_agent_reclaimed_bytes_total\{path=""" + Regex.Escape(logDir) + @"""\} [1-9]\d{6,}", metrics);
    }

    private static async Task CreateTopicAsync(SandboxHost sandbox, string topic, int brokerId)
    {
        var properties = File.ReadAllLines(Path.Combine(sandbox.HostDir(1), "etc", "server.properties"));
        var connect = properties.Single(l => l.StartsWith("zookeeper.connect=", StringComparison.Ordinal))["zookeeper.connect=".Length..];
        await using var zk = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = connect });
        await zk.CreateAsync($"/config/topics/{topic}", Encoding.UTF8.GetBytes("""{"version":1,"config":{}}"""));
        var assignment = string.Create(CultureInfo.InvariantCulture, $$$"""{"version":2,"partitions":{"0":[{{{brokerId}}}]},"adding_replicas":{},"removing_replicas":{}}""");
        await zk.CreateAsync($"/brokers/topics/{topic}", Encoding.UTF8.GetBytes(assignment));
    }

    /// <summary>Every file's name and SHA-256, sorted.</summary>
    private static string Fingerprint(string directory) => string.Join("\n", Directory.EnumerateFiles(directory)
        .Order(StringComparer.Ordinal)
        .Select(f => Path.GetFileName(f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    private static bool Eventually(Func<bool> condition) => Poll.Until(condition, Bound);
}
