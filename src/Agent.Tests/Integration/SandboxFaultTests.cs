using KafkaAgent.Diagnosis;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// Each runbook fault injected for real in a one-host sandbox (broker stand-in + Debian's ZooKeeper), and the
/// real `kafka-agent check --json` run against that host: the right finding and exit code, nothing spurious.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SandboxFaultTests : IDisposable
{
    private readonly SandboxHost _sandbox = SandboxHost.Up(brokers: 1);

    [Fact]
    public void Check_HealthySandbox_OkNothingSpurious()
    {
        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.Length == 0, output);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Check_ZooKeeperKilled_ZkDown()
    {
        _sandbox.Fault("zk-kill", 1);

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.Contains(FindingIds.ZooKeeperDown, findings);
        Assert.DoesNotContain(FindingIds.ZooKeeperHung, findings);
        Assert.True(exit == 2, output);
    }

    [Fact]
    public void Check_ZooKeeperSigstopped_ZkHung()
    {
        _sandbox.Fault("zk-stop", 1);
        try
        {
            var (exit, findings, output) = _sandbox.Check(1);

            Assert.Contains(FindingIds.ZooKeeperHung, findings);
            Assert.DoesNotContain(FindingIds.ZooKeeperDown, findings);
            Assert.True(exit == 2, output);
        }
        finally
        {
            _sandbox.Fault("zk-resume", 1);
        }
    }

    [Fact]
    public void Check_BrokerKilled_KafkaDownNotUnregistered()
    {
        _sandbox.Fault("broker-kill", 1);

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.SequenceEqual([FindingIds.KafkaDown]), output);
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Check_BrokerStoppedByOperator_InformationalAndOk()
    {
        Shell.Run(Path.Combine(_sandbox.HostDir(1), "bin", "kafka-server-stop.sh"));

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.SequenceEqual([FindingIds.KafkaStoppedByOperator]), output);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Check_BrokerZombie_Unregistered()
    {
        _sandbox.Fault("broker-zombie", 1);

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.SequenceEqual([FindingIds.BrokerUnregistered]), output);
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Check_BrokerHung_ApiUnresponsive()
    {
        _sandbox.Fault("broker-hung", 1);

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.SequenceEqual([FindingIds.KafkaApiUnresponsive]), output);
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Check_BrokerSigstopped_ApiUnresponsive()
    {
        _sandbox.Fault("broker-stop", 1);
        try
        {
            var (_, findings, output) = _sandbox.Check(1);

            Assert.True(findings.Contains(FindingIds.KafkaApiUnresponsive), output);
        }
        finally
        {
            _sandbox.Fault("broker-resume", 1);
        }
    }

    [Fact]
    public void Check_LogDirChownedToRootWithForeignLink_OwnershipFindings()
    {
        _sandbox.Fault("chown", 1, "--files", "4");

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.Contains(FindingIds.OwnershipWrong), output);
        Assert.True(findings.Contains(FindingIds.OwnershipForeignSymlink), output);
        Assert.Equal(1, exit);
    }

    [Theory]
    [InlineData("90", FindingIds.DiskHigh, 1)]
    [InlineData("100", FindingIds.DiskCritical, 2)]
    public void Check_LogDirFilled_DiskFinding(string percent, string expected, int expectedExit)
    {
        _sandbox.Fault("disk-fill", 1, "--percent", percent);

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.Contains(expected), output);
        Assert.True(exit == expectedExit, $"exit {exit}, expected {expectedExit}:\n{output}");
    }

    [Fact]
    public void Check_AdvertisedListenerEditedWithoutRestart_EndpointMismatch()
    {
        var properties = Path.Combine(_sandbox.HostDir(1), "etc", "server.properties");
        var text = File.ReadAllText(properties);
        var port = System.Text.RegularExpressions.Regex.Match(text, @"advertised\.listeners=PLAINTEXT://127\.0\.0\.1:(\d+)").Groups[1].Value;
        File.WriteAllText(properties, text.Replace($"advertised.listeners=PLAINTEXT://127.0.0.1:{port}", "advertised.listeners=PLAINTEXT://127.0.0.2:" + port, StringComparison.Ordinal));

        var (exit, findings, output) = _sandbox.Check(1);

        Assert.True(findings.SequenceEqual([FindingIds.BrokerEndpointMismatch]), output);
        Assert.Equal(1, exit);
    }

    public void Dispose() => _sandbox.Dispose();
}

/// <summary>Faults that need the 3-host sandbox (3 brokers, 3-node ensemble).</summary>
[Trait("Category", "Integration")]
public sealed class SandboxClusterFaultTests : IDisposable
{
    private readonly SandboxHost _sandbox = SandboxHost.Up(brokers: 3);

    [Fact]
    public void Check_ClusterLosingBrokersThenQuorum_MissingIsolatedNotServing()
    {
        var healthy = _sandbox.Check(1);
        Assert.True(healthy.Findings.Length == 0, healthy.Output);

        _sandbox.Fault("broker-kill", 2);
        var missing = _sandbox.CheckUntil(1, f => f.Length > 0);
        // The lost broker's partitions are under-replicated too; nothing on this host is wrong.
        Assert.True(missing.Findings.Contains(FindingIds.ClusterBrokersMissing) && missing.Findings.All(f => f.StartsWith("cluster.", StringComparison.Ordinal)), missing.Output);

        _sandbox.Fault("broker-kill", 3);
        var isolated = _sandbox.CheckUntil(1, f => f.Contains(FindingIds.ClusterIsolated));
        Assert.True(isolated.Findings.All(f => f.StartsWith("cluster.", StringComparison.Ordinal)), isolated.Output);
        Assert.DoesNotContain(FindingIds.ClusterBrokersMissing, isolated.Findings);

        _sandbox.Fault("zk-kill", 2);
        _sandbox.Fault("zk-kill", 3);
        var noQuorum = _sandbox.Check(1);
        Assert.True(noQuorum.Findings.Contains(FindingIds.ZooKeeperNotServing), noQuorum.Output);
        Assert.Equal(2, noQuorum.Exit);
    }

    [Fact]
    public void Check_MemberRestartedStandalone_StandaloneUnexpected()
    {
        _sandbox.Fault("zk-standalone", 3);

        var (exit, findings, output) = _sandbox.Check(3);

        Assert.True(findings.Contains(FindingIds.ZooKeeperStandaloneUnexpected), output);
        Assert.Equal(2, exit);
    }

    public void Dispose() => _sandbox.Dispose();
}
