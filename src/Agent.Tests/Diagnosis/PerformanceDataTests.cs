using KafkaAgent.Cli;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Diagnosis;

public sealed class PerformanceDataTests
{
    [Theory]
    [InlineData("zk_latency", 0.5, "ms", null, null, 0.0, null, "zk_latency=0.5ms;;;0;")]
    [InlineData("disk_used", 40.0, "%", 85.0, 95.0, 0.0, 100.0, "disk_used=40%;85;95;0;100")]
    [InlineData("disk_used /var/kafka", 12.3456, "%", 85.0, 95.0, 0.0, 100.0, "'disk_used /var/kafka'=12.346%;85;95;0;100")]
    public void ToString_Value_NagiosPerfDataSyntax(string label, double value, string unit, double? warn, double? crit, double? min, double? max, string expected)
    {
        Assert.Equal(expected, new PerfValue(label, value, unit, warn, crit, min, max).ToString());
    }

    [Fact]
    public void NagiosLine_HealthyHost_StatusThenPerfData()
    {
        var zk = Observations.ZooKeeper with { Stats = new ZooKeeperStats(0.25, 7, 2, null, null) };
        var report = Diagnoser.Diagnose(Observations.Of(zk: zk), Observations.Thresholds);

        var line = CheckTable.NagiosLine(report);

        Assert.Equal(
            "OK: 7 checks passed | zk_latency=0.25ms;;;0; zk_outstanding_requests=2;;;0; brokers_registered=3;;;0; "
            + "partitions_offline=0;;0;0; partitions_under_min_isr=0;;0;0; partitions_under_replicated=0;0;;0; disk_used=40%;85;95;0;100 ownership_wrong=0;;;0; kafka_api_time=0.003s;;;0;",
            line);
    }

    [Fact]
    public void NagiosLine_TwoLogDirs_WorstFirstThenEachDir()
    {
        var disk = new DiskFacts(
        [
            new VolumeUsage("/a", "log_dir", 100, 50, 0.5, 10, 5, 0.5, null),
            new VolumeUsage("/b", "log_dir", 100, 10, 0.9, 10, 5, 0.5, null),
        ]);
        var report = Diagnoser.Diagnose(Observations.Of(disk: disk), Observations.Thresholds);

        var perf = report.Performance!.Select(p => p.ToString()).ToList();

        Assert.Contains("disk_used=90%;85;95;0;100", perf);
        Assert.Contains("'disk_used /a'=50%;85;95;0;100", perf);
        Assert.Contains("'disk_used /b'=90%;85;95;0;100", perf);
    }
}
