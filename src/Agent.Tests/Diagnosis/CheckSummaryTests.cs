using KafkaAgent.Diagnosis;
using KafkaAgent.Hosting;

namespace KafkaAgent.Tests.Diagnosis;

public sealed class CheckSummaryTests
{
    private static Finding F(string id, Severity severity) => Finding.Of(id, severity, id + " summary");

    private static DiagnosisReport Report(params (string Check, Finding[] Findings)[] rows) =>
        new(rows.Select(r => new CheckResult(r.Check, CheckResult.StatusOf(r.Findings), "s", r.Findings, TimeSpan.Zero)).ToList());

    [Fact]
    public void StatusLine_FiveFindingsWorstLast_HeadlineOnceAndEveryOtherNamed()
    {
        // Check order puts the warning first and the critical later: the headline must not be repeated in "+N more".
        var report = Report(
            ("membership", [F(FindingIds.ClusterBrokersMissing, Severity.Warning)]),
            ("kafka_service", [F(FindingIds.KafkaDown, Severity.Critical)]),
            ("disk", [F(FindingIds.DiskHigh, Severity.Warning)]),
            ("ownership", [F(FindingIds.OwnershipWrong, Severity.Warning), F(FindingIds.OwnershipForeignSymlink, Severity.Warning)]));

        var line = CheckSummary.StatusLine(report);

        Assert.Equal(
            "CRITICAL: kafka.down: kafka.down summary (+4 more: cluster.brokers_missing, disk.high, ownership.wrong, ownership.foreign_symlink)",
            line);
    }

    [Fact]
    public void StatusLine_SameIdTwice_CountedOnceWithItsNumber()
    {
        var report = Report(
            ("disk", [F(FindingIds.DiskCritical, Severity.Critical), F(FindingIds.DiskHigh, Severity.Warning), F(FindingIds.DiskHigh, Severity.Warning)]));

        var line = CheckSummary.StatusLine(report);

        Assert.Equal("CRITICAL: disk.critical: disk.critical summary (+2 more: disk.high x2)", line);
    }

    [Fact]
    public void StatusLine_InfoOnly_ChecksPassedWithTheNote()
    {
        var report = Report(("kafka_service", [F(FindingIds.KafkaStoppedByOperator, Severity.Info)]));

        Assert.Equal("OK: 1 check passed; kafka.stopped_by_operator summary", CheckSummary.StatusLine(report));
    }
}
