using KafkaAgent.Cli;
using KafkaAgent.Diagnosis;
using KafkaAgent.Hosting;

namespace KafkaAgent.Tests.Cli;

/// <summary>
/// `check --json` is parsed by other tools (Nagios wrappers, the sandbox tests, operators' scripts): its shape is a
/// contract. This pins every field name, type, order and encoding; a change here is a breaking change to announce.
/// </summary>
public sealed class CheckJsonTests
{
    [Fact]
    public void Render_ReportWithFindingAndUnknownCheck_ExactSchema()
    {
        var report = new DiagnosisReport(
        [
            new CheckResult(CheckNames.ZooKeeper, CycleStatus.Ok, "serving, mode follower, 3.8.4", [], TimeSpan.FromMilliseconds(12.34567)),
            new CheckResult(CheckNames.Disk, CycleStatus.Critical, "/var/kafka 97% used",
                [Finding.Of(FindingIds.DiskCritical, Severity.Critical, "log dir /var/kafka is 97% full \"now\"", ("path", "/var/kafka"), ("used_ratio", 0.97))],
                TimeSpan.FromSeconds(1)),
            new CheckResult(CheckNames.KafkaApi, CycleStatus.Unknown, "probe failed: IOException: x", [], TimeSpan.Zero),
        ]);

        var json = CheckJson.Render(report);

        Assert.Equal("""
            {
              "status": "CRITICAL",
              "exit_code": 2,
              "summary": "CRITICAL: disk.critical: log dir /var/kafka is 97% full \"now\"",
              "checks": [
                {
                  "check": "zookeeper",
                  "status": "OK",
                  "summary": "serving, mode follower, 3.8.4",
                  "duration_seconds": 0.0123,
                  "findings": []
                },
                {
                  "check": "disk",
                  "status": "CRITICAL",
                  "summary": "/var/kafka 97% used",
                  "duration_seconds": 1,
                  "findings": [
                    {
                      "id": "disk.critical",
                      "severity": "critical",
                      "scope": "host",
                      "summary": "log dir /var/kafka is 97% full \"now\"",
                      "evidence": {
                        "path": "/var/kafka",
                        "used_ratio": "0.97"
                      }
                    }
                  ]
                },
                {
                  "check": "kafka_api",
                  "status": "UNKNOWN",
                  "summary": "probe failed: IOException: x",
                  "duration_seconds": 0,
                  "findings": []
                }
              ]
            }

            """.ReplaceLineEndings(Environment.NewLine), json);
    }

    [Theory]
    [InlineData("OK", 0)]
    [InlineData("WARNING", 1)]
    [InlineData("CRITICAL", 2)]
    [InlineData("UNKNOWN", 3)]
    public void Render_OverallStatus_NagiosLabelAndExitCode(string label, int exit)
    {
        var json = CheckJson.Render(new DiagnosisReport([new CheckResult(CheckNames.Disk, (CycleStatus)exit, "s", [], TimeSpan.Zero)]));

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(label, document.RootElement.GetProperty("status").GetString());
        Assert.Equal(exit, document.RootElement.GetProperty("exit_code").GetInt32());
    }
}
