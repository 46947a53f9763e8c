using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using KafkaAgent.Tests.Support;
using Xunit.Abstractions;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// The cluster guards end to end: three sandbox hosts, the real agent in heal mode on each, real faults, and an
/// independent watcher (`scripts/sandbox watch`, its own ZooKeeper session) recording who held the cluster lock
/// and every partition's ISR every 100 ms.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClusterSafetyTests(ClusterAgents cluster, ITestOutputHelper output) : IClassFixture<ClusterAgents>
{
    private const int PaymentsMinIsr = 2;
    private static readonly TimeSpan HealBound = TimeSpan.FromSeconds(150);

    [Fact]
    public void AllThreeBrokersZombiesAtOnce_OneRestartAtATimeNoInSyncReplicaTakenBelowMinIsrAllHealthy()
    {
        Ready();
        var dir = Directory.CreateTempSubdirectory("kafka-agent-watch-").FullName;
        var record = Path.Combine(dir, "watch.jsonl");
        var summaryFile = Path.Combine(dir, "summary.json");
        var watcher = StartWatcher(record, summaryFile);
        string timeline;
        try
        {
            Assert.True(Eventually(() => File.Exists(record) && File.ReadLines(record).Count() >= 5, TimeSpan.FromSeconds(60)), "the watcher wrote no samples");
            var zombiePids = ClusterAgents.Hosts.ToDictionary(h => h, cluster.BrokerPid);
            using var stop = new CancellationTokenSource();
            // The stand-in keeps its zombie mode across restarts; a real broker comes back clean. So each host's mode
            // is cleared the moment its agent stops the zombie (its pid goes), before the new process starts.
            var clearing = new Thread(() => ClearModesOnRestart(zombiePids, stop.Token)) { IsBackground = true };
            clearing.Start();
            try
            {
                Parallel.ForEach(ClusterAgents.Hosts, h => cluster.Sandbox.Fault("broker-zombie", h));

                foreach (var host in ClusterAgents.Hosts)
                {
                    var (healthy, check) = cluster.WaitHealthy(host, HealBound);
                    Assert.True(healthy, $"host-{host}: {check}\n{AllLogs()}");
                }

                Assert.True(Eventually(() => LastSampleHealthy(record), TimeSpan.FromSeconds(60)), "the watcher never saw all three registered with full ISRs");
                output.WriteLine(cluster.Cli(1, "cluster").Output);
            }
            finally
            {
                stop.Cancel();
                clearing.Join(TimeSpan.FromSeconds(5));
                foreach (var host in ClusterAgents.Hosts)
                {
                    cluster.ClearModes(host);
                }
            }
        }
        finally
        {
            timeline = StopWatcher(watcher);
            output.WriteLine(timeline);
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(summaryFile));
        var holders = summary.RootElement.GetProperty("holders").EnumerateArray()
            .Select(h => (Broker: h.GetProperty("broker_id").GetInt32(), Action: h.GetProperty("action").GetString(), From: h.GetProperty("from_ms").GetInt64()))
            .ToList();
        Assert.Equal(1, summary.RootElement.GetProperty("max_concurrent_holders").GetInt32());
        // Every zombie was restarted, each under the lock.
        Assert.Equal([1, 2, 3], holders.Where(h => h.Action == "restart_kafka").Select(h => h.Broker).Distinct().Order().ToArray());
        var samples = File.ReadLines(record).Select(l => JsonDocument.Parse(l)).ToList();
        try
        {
            // No agent took an in-sync replica of a min-ISR-2 partition down when the ISR could not spare it: at the
            // first sample showing each restart's lock, every payments partition with that broker (registered) in its
            // ISR had more. An unregistered broker is dead to the controller already; where an ISR still names it,
            // it is the last member of an offline partition, kept there by Kafka, that only its restart brings back.
            foreach (var (broker, _, from) in holders.Where(h => h.Action == "restart_kafka"))
            {
                var at = samples.First(s => s.RootElement.GetProperty("t_ms").GetInt64() >= from).RootElement;
                if (!at.GetProperty("brokers").EnumerateArray().Any(b => b.GetInt32() == broker))
                {
                    continue;
                }

                foreach (var p in at.GetProperty("partitions").EnumerateArray().Where(p => p.GetProperty("topic").GetString() == "payments"))
                {
                    var isr = p.GetProperty("isr").EnumerateArray().Select(i => i.GetInt32()).ToList();
                    Assert.False(isr.Contains(broker) && isr.Count <= PaymentsMinIsr,
                        $"broker {broker} restarted while payments-{p.GetProperty("partition").GetInt32()} had ISR [{string.Join(',', isr)}]\n{timeline}");
                }
            }
        }
        finally
        {
            samples.ForEach(s => s.Dispose());
        }

        foreach (var host in ClusterAgents.Hosts)
        {
            Assert.Matches(@"kafka_agent_lock_held \d", Scrape(host));
        }
    }

    [Fact]
    public void BrokerInLogRecovery_NeverRestartedSkipReasonRecovery()
    {
        Ready();
        var offset = cluster.LogLength(2);

        cluster.Sandbox.Fault("broker-slow-start", 2, "--seconds", "25");
        var recovering = cluster.BrokerPid(2);
        try
        {
            var skipped = Eventually(() => Regex.IsMatch(cluster.LogSince(2, offset), @"heal restart_kafka on kafka for .*: skipped \(recovery\)"), TimeSpan.FromSeconds(20));
            Assert.True(skipped, cluster.LogSince(2, offset));
            Assert.Equal(recovering, cluster.BrokerPid(2));
            Assert.DoesNotMatch(@"heal restart_kafka on kafka for .*: starting", cluster.LogSince(2, offset));
            Assert.Matches(@"kafka_agent_remediations_skipped_total\{action=""restart_kafka"",reason=""recovery""\} [1-9]", Scrape(2));
        }
        finally
        {
            cluster.ClearModes(2);
        }

        // The recovery ends on its own and the same process registers.
        var (healthy, check) = cluster.WaitHealthy(2, HealBound);
        Assert.True(healthy, check + cluster.LogSince(2, offset));
        Assert.Equal(recovering, cluster.BrokerPid(2));
        Assert.DoesNotMatch(@"heal restart_kafka on kafka for .*: starting", cluster.LogSince(2, offset));
    }

    [Fact]
    public void ZooKeeperQuorumLost_AlertsOnlyNoDisruptiveActionReasonMassFailure()
    {
        Ready();
        var offsets = ClusterAgents.Hosts.ToDictionary(h => h, cluster.LogLength);

        // Two of three members stopped dead (SIGSTOP: up, answering nothing), so no safe start can bring them back
        // and only a disruptive restart_zookeeper is wanted: the guards must hold every one of them back.
        cluster.Sandbox.Fault("zk-stop", 2);
        cluster.Sandbox.Fault("zk-stop", 3);
        try
        {
            var massFailure = Eventually(
                () => ClusterAgents.Hosts.Any(h => Regex.IsMatch(cluster.LogSince(h, offsets[h]), @"heal restart_\w+ on \w+ for .*: skipped \(mass_failure\)")),
                TimeSpan.FromSeconds(90));
            Thread.Sleep(TimeSpan.FromSeconds(6)); // three more cycles under quorum loss
            Assert.True(massFailure, AllLogs());
            foreach (var host in ClusterAgents.Hosts)
            {
                Assert.DoesNotMatch(@"heal restart_\w+ on \w+ for .*: starting", cluster.LogSince(host, offsets[host]));
            }
        }
        finally
        {
            cluster.Sandbox.Fault("zk-resume", 2);
            cluster.Sandbox.Fault("zk-resume", 3);
        }

        Ready();
        output.WriteLine(AllLogs());
        foreach (var host in ClusterAgents.Hosts)
        {
            Assert.False(Regex.IsMatch(cluster.LogSince(host, offsets[host]), @"heal restart_zookeeper on \w+ for .*: starting"), AllLogs());
        }
    }

    [Fact]
    public void BrokerKilled_StartsOnceTheStaleRegistrationIsGoneNoNodeExistsLoop()
    {
        Ready();
        var offset = cluster.LogLength(3);
        var serverLog = Path.Combine(cluster.Sandbox.HostDir(3), "logs", "server.log");
        var logBefore = new FileInfo(serverLog).Length;

        cluster.Sandbox.Fault("broker-kill", 3);

        var (healthy, check) = cluster.WaitHealthy(3, HealBound);
        Assert.True(healthy, check + cluster.LogSince(3, offset));
        Assert.True(Eventually(() => cluster.LogSince(3, offset).Contains("heal start_kafka on kafka: success", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), cluster.LogSince(3, offset));
        var agentLog = cluster.LogSince(3, offset);
        output.WriteLine(agentLog);
        var failures = Regex.Count(agentLog, "heal start_kafka on kafka: failure");
        using var stream = new FileStream(serverLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(logBefore, stream.Length), SeekOrigin.Begin);
        var brokerLog = new StreamReader(stream).ReadToEnd();
        var nodeExists = Regex.Count(brokerLog, "node already exists");
        output.WriteLine($"start_kafka failures: {failures}; NODEEXISTS in server.log: {nodeExists}");
        Assert.InRange(nodeExists, 0, 1);
        Assert.InRange(failures, 0, 1);
    }

    private void Ready()
    {
        foreach (var host in ClusterAgents.Hosts)
        {
            var (healthy, check) = cluster.WaitHealthy(host, HealBound);
            Assert.True(healthy, $"host-{host} not healthy before the test: {check}");
        }
    }

    private string AllLogs() => string.Join("\n", ClusterAgents.Hosts.Select(h => $"--- agent host-{h}\n{cluster.Log(h)}"));

    private string Scrape(int host)
    {
        var port = File.ReadAllLines(cluster.ConfigPath(host)).Select(l => l.Trim()).Last(l => l.StartsWith("port:", StringComparison.Ordinal))["port:".Length..].Trim();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")).GetAwaiter().GetResult();
    }

    private void ClearModesOnRestart(Dictionary<int, int?> zombiePids, CancellationToken stop)
    {
        var pending = zombiePids.Keys.ToHashSet();
        while (pending.Count > 0 && !stop.IsCancellationRequested)
        {
            foreach (var host in pending.ToList())
            {
                if (cluster.BrokerPid(host) != zombiePids[host])
                {
                    cluster.ClearModes(host);
                    pending.Remove(host);
                }
            }

            Thread.Sleep(20);
        }
    }

    private Process StartWatcher(string record, string summary)
    {
        var start = new ProcessStartInfo(Path.Combine(SandboxHost.RepositoryRoot, "scripts", "sandbox"),
            ["watch", "--dir", cluster.Sandbox.Directory, "--out", record, "--interval-ms", "100", "--summary-json", summary])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start)!;
    }

    private static string StopWatcher(Process watcher)
    {
        var stdout = watcher.StandardOutput.ReadToEndAsync();
        var stderr = watcher.StandardError.ReadToEndAsync();
        _ = Shell.RunAllowingFailure("kill", "-TERM", watcher.Id.ToString(CultureInfo.InvariantCulture));
        if (!watcher.WaitForExit(30_000))
        {
            watcher.Kill(entireProcessTree: true);
        }

        var text = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
        watcher.Dispose();
        return text;
    }

    private static bool LastSampleHealthy(string record)
    {
        var last = File.ReadLines(record).LastOrDefault();
        if (last is null)
        {
            return false;
        }

        using var sample = JsonDocument.Parse(last);
        var root = sample.RootElement;
        return root.GetProperty("brokers").GetArrayLength() == 3
            && root.GetProperty("partitions").EnumerateArray().All(p => p.GetProperty("isr").GetArrayLength() == p.GetProperty("replicas").GetArrayLength());
    }

    private static bool Eventually(Func<bool> condition, TimeSpan bound) => Support.Poll.Until(condition, bound);
}
