using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// The runbook's faults, injected for real (kill -9, chown, a disk filled with application logs, an operator's stop)
/// into a sandbox host while the real agent runs there in heal mode: each must be put right with no one acting, be
/// said in the agent's log and counted in its metrics; an operator's stop and a pause must be left alone.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HealEndToEndTests(HealingAgent agent) : IClassFixture<HealingAgent>
{
    private static readonly TimeSpan HealBound = TimeSpan.FromSeconds(90);

    [Fact]
    public void BrokerKilled_AgentDeletesTheDeadRegistrationAndStartsKafkaAgain()
    {
        Ready();
        // Two cycles on the running broker: the agent watches its pid and has read its registration, the proof the
        // delete strategy (heal.stale_registration's default) needs.
        Thread.Sleep(TimeSpan.FromSeconds(5));
        var offset = agent.LogLength;

        agent.Sandbox.Fault("broker-kill", 1);

        var (healthy, output) = agent.WaitHealthy(HealBound);
        Assert.True(healthy, output + agent.LogSince(offset));
        // The dead broker's session (6 s in the sandbox) outlives the 1 s exit settle: the node was there to delete.
        Assert.Matches(@"stale registration: deleted /brokers/ids/1 \(True\) .* of Kafka pid \d+, which the agent saw exit", agent.LogSince(offset));
        // check can see the broker back a moment before the agent's own verification ends and logs it.
        Assert.True(Eventually(() => Regex.IsMatch(agent.LogSince(offset), "heal start_kafka on kafka: success .*verified")), agent.LogSince(offset));
        Assert.Matches(@"kafka_agent_remediations_total\{action=""start_kafka"",result=""success""\} [1-9]", agent.Scrape());
    }

    [Fact]
    public void ZooKeeperKilled_AgentStartsZooKeeperAgain()
    {
        Ready();
        var offset = agent.LogLength;

        agent.Sandbox.Fault("zk-kill", 1);

        var (healthy, output) = agent.WaitHealthy(HealBound);
        Assert.True(healthy, output + agent.LogSince(offset));
        Assert.True(Eventually(() => Regex.IsMatch(agent.LogSince(offset), "heal start_zookeeper on zookeeper: success .*verified: ZooKeeper serves requests")), agent.LogSince(offset));
    }

    [Fact]
    public void SegmentsChownedToRoot_AgentFixesOwnershipNeverFollowingTheLink()
    {
        Ready();
        var offset = agent.LogLength;
        var outside = Path.Combine(agent.Sandbox.Directory, "outside", "precious.txt");

        agent.Sandbox.Fault("chown", 1, "--files", "5");

        var logDir = Path.Combine(agent.Sandbox.HostDir(1), "var", "kafka");
        var fixedInTime = Eventually(() => agent.LogSince(offset).Contains("heal fix_ownership on " + logDir + ": success", StringComparison.Ordinal));
        Assert.True(fixedInTime, agent.LogSince(offset));
        Assert.Contains("verified: no entry with a wrong owner", agent.LogSince(offset), StringComparison.Ordinal);
        // The planted link points outside the log dir: reported, never followed, so its target keeps root.
        Assert.Equal("root", Support.Shell.Run("stat", "-c", "%U", outside).Trim());
        Assert.Contains("ownership.foreign_symlink", agent.Cli("check").Output, StringComparison.Ordinal);
        File.Delete(Path.Combine(logDir, "planted-link"));
        Assert.True(agent.WaitHealthy(HealBound).Healthy);
    }

    [Fact]
    public void DiskFilledWithApplicationLogs_AgentDeletesRotatedLogsOnly()
    {
        Ready();
        var offset = agent.LogLength;
        var logs = Path.Combine(agent.Sandbox.HostDir(1), "logs");

        agent.Sandbox.Fault("disk-fill", 1, "--percent", "92", "--with", "app-logs");

        var (healthy, output) = agent.WaitHealthy(HealBound);
        Assert.True(healthy, output + agent.LogSince(offset));
        Assert.True(Eventually(() => Regex.IsMatch(agent.LogSince(offset), "heal clean_app_logs on app_log_dir: success .*bytes freed in .*verified: disk below high")), agent.LogSince(offset));
        // The live files stay: only rotated parts go.
        Assert.True(File.Exists(Path.Combine(logs, "server.log")));
        Assert.True(File.Exists(Path.Combine(logs, "controller.log")));
    }

    [Fact]
    public void BrokerZombie_RestartedAfterItsGrace()
    {
        Ready();
        var offset = agent.LogLength;

        agent.Sandbox.Fault("broker-zombie", 1);
        // The stand-in keeps its zombie mode across restarts (run/kafka.control); a real broker comes back clean.
        var healed = Eventually(() => agent.LogSince(offset).Contains("heal restart_kafka on kafka: success", StringComparison.Ordinal)
            || agent.LogSince(offset).Contains("heal restart_kafka on kafka: failure", StringComparison.Ordinal));
        agent.Sandbox.Fault("broker-normal", 1);

        Assert.True(healed, agent.LogSince(offset));
        Assert.Contains("heal restart_kafka on kafka for broker.unregistered", agent.LogSince(offset), StringComparison.Ordinal);
        Assert.True(agent.WaitHealthy(HealBound).Healthy, agent.LogSince(offset));
    }

    [Fact]
    public void OperatorStopsKafka_LeftAloneAndPauseHoldsTheAgentBack()
    {
        Ready();
        var offset = agent.LogLength;

        Support.Shell.Run(Path.Combine(agent.Sandbox.HostDir(1), "bin", "kafka-server-stop.sh"));
        Thread.Sleep(TimeSpan.FromSeconds(8)); // four cycles
        // Skips (the exit settling, then the operator's stop) may be logged; an attempt may not.
        Assert.DoesNotContain("heal start_kafka on kafka for kafka.down: starting", agent.LogSince(offset), StringComparison.Ordinal);

        // A crash while paused is not healed either, until resume.
        Assert.Equal(0, agent.Cli("pause", "--for", "10m", "--reason", "maintenance test").Exit);
        Support.Shell.Run(Path.Combine(agent.Sandbox.HostDir(1), "bin", "kafka-server-start.sh"), "-daemon");
        Assert.True(agent.WaitHealthy(HealBound).Healthy);
        var paused = agent.LogLength;
        agent.Sandbox.Fault("broker-kill", 1);
        Thread.Sleep(TimeSpan.FromSeconds(8));
        Assert.DoesNotContain("heal start_kafka on kafka: success", agent.LogSince(paused), StringComparison.Ordinal);
        Assert.Matches(@"kafka_agent_paused(\{\})? 1", agent.Scrape());

        Assert.Equal(0, agent.Cli("resume").Exit);
        Assert.True(agent.WaitHealthy(HealBound).Healthy, agent.LogSince(paused));
        Assert.True(Eventually(() => agent.LogSince(paused).Contains("heal start_kafka on kafka: success", StringComparison.Ordinal)), agent.LogSince(paused));
    }

    private void Ready()
    {
        var (healthy, output) = agent.WaitHealthy(HealBound);
        Assert.True(healthy, "the host was not healthy before the fault: " + output);
    }

    private static bool Eventually(Func<bool> condition)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > HealBound)
            {
                return false;
            }

            Thread.Sleep(250);
        }

        return true;
    }
}
