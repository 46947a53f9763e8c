using KafkaAgent.Diagnosis;
using KafkaAgent.Platform;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Diagnosis;

public sealed class DiagnoserTests
{
    private static DiagnosisReport Diagnose(Observation o) => Diagnoser.Diagnose(o, Observations.Thresholds);

    private static string[] Ids(DiagnosisReport r) => r.Findings.Select(f => f.Id).ToArray();

    [Fact]
    public void Diagnose_HealthyHost_AllOkNoFindings()
    {
        var report = Diagnose(Observations.Healthy());

        Assert.Equal(CycleStatus.Ok, report.Overall);
        Assert.Empty(report.Findings);
        Assert.Equal(CheckNames.All, report.Checks.Select(c => c.Check));
    }

    [Theory]
    [InlineData((int)ZooKeeperReachability.Refused, FindingIds.ZooKeeperDown)]
    [InlineData((int)ZooKeeperReachability.Error, FindingIds.ZooKeeperDown)]
    [InlineData((int)ZooKeeperReachability.NoAnswer, FindingIds.ZooKeeperHung)]
    public void Diagnose_ZooKeeperUnreachable_DownOrHung(int reach, string expected)
    {
        var report = Diagnose(Observations.Of(zk: Observations.ZooKeeper with { Reachability = (ZooKeeperReachability)reach, Serving = false }));

        Assert.Equal([expected], Ids(report));
        Assert.Equal(CycleStatus.Critical, report.Overall);
    }

    [Fact]
    public void Diagnose_ZooKeeperNotServing_NotServing()
    {
        var report = Diagnose(Observations.Of(zk: Observations.ZooKeeper with { Serving = false, Mode = null }));

        Assert.Equal([FindingIds.ZooKeeperNotServing], Ids(report));
    }

    [Fact]
    public void Diagnose_StandaloneWithEnsembleConfigured_StandaloneUnexpected()
    {
        var report = Diagnose(Observations.Of(zk: Observations.ZooKeeper with { Mode = "standalone" }));

        Assert.Equal([FindingIds.ZooKeeperStandaloneUnexpected], Ids(report));
    }

    [Fact]
    public void Diagnose_StandaloneWithoutEnsemble_Ok()
    {
        var report = Diagnose(Observations.Of(zk: Observations.ZooKeeper with { Mode = "standalone", ExpectedEnsembleSize = 1 }));

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Diagnose_FourLetterWordsNotWhitelisted_WarningNotDown()
    {
        var report = Diagnose(Observations.Of(zk: Observations.ZooKeeper with { FourLetterWordsWhitelisted = false, Mode = null }));

        Assert.Equal([FindingIds.ZooKeeperFourLetterWordsDisabled], Ids(report));
        Assert.Equal(CycleStatus.Warning, report.Overall);
    }

    [Fact]
    public void Diagnose_OwnIdMissingWhileKafkaRuns_Unregistered()
    {
        var report = Diagnose(Observations.Of(membership: Observations.Membership with { RegisteredIds = [2, 3], Own = null }));

        Assert.Contains(FindingIds.BrokerUnregistered, Ids(report));
        Assert.Contains(FindingIds.ClusterBrokersMissing, Ids(report));
        Assert.Equal(CycleStatus.Critical, report.Overall);
    }

    [Fact]
    public void Diagnose_OwnIdMissingWhileKafkaDown_OnlyKafkaDownAndMissing()
    {
        var report = Diagnose(Observations.Of(
            membership: Observations.Membership with { RegisteredIds = [2, 3], Own = null },
            service: Observations.Service with { State = ServiceState.Down, Detail = "ActiveState=failed" },
            api: Observations.Api with { PortOpen = false, MetadataAnswered = false }));

        Assert.Equal([FindingIds.ClusterBrokersMissing, FindingIds.KafkaDown], Ids(report).Order().ToArray());
    }

    [Fact]
    public void Diagnose_StoppedByOperator_InfoOnlyAndExitOk()
    {
        var report = Diagnose(Observations.Of(
            membership: Observations.Membership with { RegisteredIds = [2, 3], Own = null, ExpectedBrokers = 0 },
            service: Observations.Service with { State = ServiceState.StoppedByOperator },
            api: Observations.Api with { PortOpen = false, MetadataAnswered = false }));

        Assert.Equal([FindingIds.KafkaStoppedByOperator], Ids(report));
        Assert.Equal(CycleStatus.Ok, report.Overall);
    }

    [Fact]
    public void Diagnose_RegisteredEndpointDiffers_EndpointMismatch()
    {
        var own = Observations.Membership.Own! with { Endpoints = ["PLAINTEXT://broker1:9999"] };

        var report = Diagnose(Observations.Of(membership: Observations.Membership with { Own = own }));

        Assert.Equal([FindingIds.BrokerEndpointMismatch], Ids(report));
    }

    [Fact]
    public void Diagnose_SingleBrokerVisibleOfThree_Isolated()
    {
        var report = Diagnose(Observations.Of(membership: Observations.Membership with { RegisteredIds = [1] }));

        Assert.Equal([FindingIds.ClusterIsolated], Ids(report));
    }

    [Fact]
    public void Diagnose_ApiSilentWhileRunning_ApiUnresponsive()
    {
        var report = Diagnose(Observations.Of(api: Observations.Api with { MetadataAnswered = false, Detail = "Metadata: Local: Timed out" }));

        Assert.Equal([FindingIds.KafkaApiUnresponsive], Ids(report));
    }

    [Fact]
    public void Diagnose_PortClosedServiceUnknown_KafkaDown()
    {
        var report = Diagnose(Observations.Of(
            service: Observations.Service with { State = ServiceState.Unknown, Detail = "no unit" },
            api: Observations.Api with { PortOpen = false, MetadataAnswered = false }));

        Assert.Equal([FindingIds.KafkaDown], Ids(report));
        Assert.Equal(CycleStatus.Critical, report.Overall);
    }

    [Theory]
    [InlineData(0.86, 0.1, FindingIds.DiskHigh, (int)CycleStatus.Warning)]
    [InlineData(0.5, 0.97, FindingIds.DiskCritical, (int)CycleStatus.Critical)]
    [InlineData(0.95, 0.1, FindingIds.DiskCritical, (int)CycleStatus.Critical)]
    public void Diagnose_FullVolume_DiskFindingByWorseOfBytesAndInodes(double used, double inodes, string expected, int status)
    {
        var disk = new DiskFacts([new VolumeUsage("/var/kafka", "log_dir", 100, 5, used, 100, 3, inodes, null)]);

        var report = Diagnose(Observations.Of(disk: disk));

        Assert.Equal([expected], Ids(report));
        Assert.Equal((CycleStatus)status, report.Overall);
        Assert.Equal("/var/kafka", report.Findings.Single().Evidence["path"]);
    }

    [Fact]
    public void Diagnose_WrongOwnerAndForeignLink_BothReportedWithSamples()
    {
        var dir = new LogDirOwnership("/var/kafka", 100, 7, ["/var/kafka/t-0/0.log"], 1, ["/var/kafka/x -> /etc"], null);

        var report = Diagnose(Observations.Of(ownership: Observations.Ownership with { LogDirs = [dir] }));

        Assert.Equal([FindingIds.OwnershipWrong, FindingIds.OwnershipForeignSymlink], Ids(report));
        Assert.Equal("7", report.Findings.First().Evidence["count"]);
        Assert.Contains("/var/kafka/t-0/0.log", report.Findings.First().Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_ProbeFailed_CheckUnknownOverallUnknown()
    {
        var o = Observations.Healthy() with { Disk = new ProbeOutcome<DiskFacts>(null, TimeSpan.Zero, "probe failed: boom") };

        var report = Diagnose(o);

        Assert.Equal(CycleStatus.Unknown, report.Checks.Single(c => c.Check == CheckNames.Disk).Status);
        Assert.Equal(CycleStatus.Unknown, report.Overall);
    }

    [Fact]
    public void Overall_CriticalAndUnknown_CriticalWins()
    {
        var o = Observations.Of(zk: Observations.ZooKeeper with { Reachability = ZooKeeperReachability.Refused }) with
        {
            Disk = new ProbeOutcome<DiskFacts>(null, TimeSpan.Zero, "x"),
        };

        Assert.Equal(CycleStatus.Critical, Diagnose(o).Overall);
    }
}
