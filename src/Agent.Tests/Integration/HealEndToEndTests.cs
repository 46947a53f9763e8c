using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// The runbook's faults, injected for real (kill -9, chown, a disk filled with application logs, an operator's stop)
/// into a sandbox host while the real agent runs there in heal mode: each must be put right with no one acting, be
/// said in the agent's log and counted in its metrics; an operator's stop and a pause must be left alone.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HealEndToEndTests(HealingAgent agent, ITestOutputHelper output) : IClassFixture<HealingAgent>
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

    [Fact]
    public void ZooKeeperHung_RestartedWithSigtermAfterItsGrace()
    {
        var (offset, clock) = ReadyWithFreshBudget("restart_zookeeper");

        agent.Sandbox.Fault("zk-stop", 1);

        var restarted = Eventually(() => Regex.IsMatch(agent.LogSince(offset), "heal restart_zookeeper on zookeeper: (success|failure)"));
        if (!restarted)
        {
            agent.Sandbox.Fault("zk-resume", 1); // leave the shared host usable for the other tests
        }

        Assert.True(restarted, agent.LogSince(offset));
        var (healthy, check) = agent.WaitHealthy(HealBound);
        Report("restart_zookeeper (zk.hung, SIGSTOP)", clock);
        var log = agent.LogSince(offset);
        Assert.True(healthy, check + log);
        // Held back while the hang was younger than its grace (8 s here, at least tickTime x initLimit), then one
        // graceful restart: SIGTERM (with SIGCONT, so the stopped JVM can act on it) was enough, no SIGKILL.
        Assert.Matches(@"heal restart_zookeeper on zookeeper for zk\.hung[^\n]*: skipped \(grace\): [^\n]*held \d+ s of 8 s", log);
        AssertOneGracefulRestart(log, "restart_zookeeper on zookeeper", "verified: ZooKeeper serves requests");
        Assert.Single(Regex.Matches(log, "heal restart_zookeeper on zookeeper for [^\n]*: starting"));
        var graceAt = Regex.Match(log, @"heal restart_zookeeper on zookeeper for [^\n]*: skipped \(grace\)").Index;
        var startAt = Regex.Match(log, @"heal restart_zookeeper on zookeeper for [^\n]*: starting").Index;
        Assert.True(graceAt < startAt, log);
        var metrics = agent.Scrape();
        Assert.Matches(@"kafka_agent_remediations_total\{action=""restart_zookeeper"",result=""success""\} [1-9]", metrics);
        Assert.Matches(@"kafka_agent_remediations_skipped_total\{action=""restart_zookeeper"",reason=""grace""\} [1-9]", metrics);
    }

    [Fact]
    public void KafkaApiUnresponsive_RestartedAfterItsGrace()
    {
        var (offset, clock) = ReadyWithFreshBudget("restart_kafka");

        agent.Sandbox.Fault("broker-hung", 1);
        // The stand-in keeps its hung mode across restarts (run/kafka.control); a real broker comes back answering.
        // So once the restart is under way the mode is cleared, as the new process would be.
        var started = Eventually(() => Regex.IsMatch(agent.LogSince(offset), @"heal restart_kafka on kafka for kafka\.api_unresponsive[^\n]*: starting"));
        agent.Sandbox.Fault("broker-normal", 1);
        Assert.True(started, agent.LogSince(offset));

        var done = Eventually(() => Regex.IsMatch(agent.LogSince(offset), "heal restart_kafka on kafka: (success|failure)"));
        var (healthy, check) = agent.WaitHealthy(HealBound);
        Report("restart_kafka (kafka.api_unresponsive, hung listener)", clock);
        var log = agent.LogSince(offset);
        Assert.True(done, log);
        Assert.True(healthy, check + log);
        Assert.Matches(@"heal restart_kafka on kafka for kafka\.api_unresponsive[^\n]*: skipped \(grace\): [^\n]*of 5 s", log);
        AssertOneGracefulRestart(log, "restart_kafka on kafka", "verified: Kafka runs, is registered and answers Metadata");
        var metrics = agent.Scrape();
        Assert.Matches(@"kafka_agent_remediations_total\{action=""restart_kafka"",result=""success""\} [1-9]", metrics);
        Assert.Matches(@"kafka_agent_remediation_duration_seconds_count\{action=""restart_kafka""\} [1-9]", metrics);
    }

    [Fact]
    public void KafkaStartFailsForGood_CircuitOpensWithinTheBudgetThenSilenceUntilReset()
    {
        Ready();
        Assert.Equal(0, agent.Cli("reset", "start_kafka").Exit);
        var properties = Path.Combine(agent.Sandbox.HostDir(1), "etc", "server.properties");
        var original = File.ReadAllText(properties);
        var offset = agent.LogLength;
        try
        {
            // A value Kafka refuses at start (the agent itself does not read this key): every start now fails.
            File.AppendAllText(properties, "zookeeper.connection.timeout.ms=eighteen-seconds\n");
            agent.Sandbox.Fault("broker-kill", 1);

            var opened = Eventually(() => agent.LogSince(offset).Contains("heal start_kafka: circuit open", StringComparison.Ordinal), TimeSpan.FromSeconds(150));
            Assert.True(opened, agent.LogSince(offset));
            var attempts = Regex.Count(agent.LogSince(offset), "heal start_kafka on kafka for kafka\\.down[^\n]*: starting");
            Assert.Equal(3, attempts); // heal.budget_attempts
            Assert.Equal(3, Regex.Count(agent.LogSince(offset), "heal start_kafka on kafka: failure"));

            var (exit, check) = agent.Cli("check");
            Assert.Equal(2, exit);
            Assert.Contains("agent.circuit_open", check, StringComparison.Ordinal);
            Assert.Matches(@"kafka_agent_circuit_open\{action=""start_kafka""\} 1", agent.Scrape());

            // Silence: the broker stays down and no further attempt is made. The open circuit's skip is logged once (the
            // first cycle after it opened, which may come after the checks above), then never again each cycle.
            Assert.True(Eventually(() => agent.LogSince(offset).Contains("skipped (circuit_open)", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
                agent.LogSince(offset));
            var quiet = agent.LogLength;
            Thread.Sleep(TimeSpan.FromSeconds(10)); // five cycles
            Assert.DoesNotContain("heal start_kafka on kafka for", agent.LogSince(quiet), StringComparison.Ordinal);
            Assert.Matches(@"kafka_agent_remediations_skipped_total\{action=""start_kafka"",reason=""circuit_open""\} [1-9]", agent.Scrape());
        }
        catch
        {
            // Leave the shared host as the next test expects it: a working start and a closed circuit.
            File.WriteAllText(properties, original);
            agent.Cli("reset", "start_kafka");
            throw;
        }
        finally
        {
            File.WriteAllText(properties, original);
        }

        // The operator mends server.properties and closes the circuit: the agent starts Kafka at once.
        var reset = agent.LogLength;
        var (resetExit, resetOutput) = agent.Cli("reset", "start_kafka");
        Assert.Equal(0, resetExit);
        Assert.Contains("start_kafka circuit closed", resetOutput, StringComparison.Ordinal);
        var (healthy, after) = agent.WaitHealthy(HealBound);
        Assert.True(healthy, after + agent.LogSince(reset));
        Assert.True(Eventually(() => agent.LogSince(reset).Contains("heal start_kafka on kafka: success", StringComparison.Ordinal)), agent.LogSince(reset));
        Assert.Matches(@"kafka_agent_circuit_open\{action=""start_kafka""\} 0", agent.Scrape());
    }

    /// <summary>Ready, with the action's attempts and circuit reset so that an earlier test's restarts do not hold this one back.</summary>
    private (int Offset, Stopwatch Clock) ReadyWithFreshBudget(string action)
    {
        Ready();
        Assert.Equal(0, agent.Cli("reset", action).Exit);
        return (agent.LogLength, Stopwatch.StartNew());
    }

    /// <summary>The restart succeeded on SIGTERM alone (no SIGKILL anywhere in the log) and was verified as expected.</summary>
    private static void AssertOneGracefulRestart(string log, string actionOnService, string verified)
    {
        var success = Regex.Match(log, $@"heal {actionOnService}: success [^\n]*");
        Assert.True(success.Success, log);
        Assert.Contains("stopped on SIGTERM", success.Value, StringComparison.Ordinal);
        Assert.Contains(verified, success.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("SIGKILL", log, StringComparison.Ordinal);
    }

    private void Report(string what, Stopwatch clock) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heal time {what}: {clock.Elapsed.TotalSeconds:0.0} s from the fault to check OK"));

    private void Ready()
    {
        var (healthy, output) = agent.WaitHealthy(HealBound);
        Assert.True(healthy, "the host was not healthy before the fault: " + output);
    }

    private static bool Eventually(Func<bool> condition) => Eventually(condition, HealBound);

    private static bool Eventually(Func<bool> condition, TimeSpan bound) => Support.Poll.Until(condition, bound);
}
