using KafkaAgent.Diagnosis;
using KafkaAgent.Platform;
using KafkaAgent.Probes.Kafka;

namespace KafkaAgent.Tests.Diagnosis;

/// <summary>What a refused TLS handshake or SASL login on the probed listener raises, next to a hung broker.</summary>
public sealed class KafkaApiRulesTests
{
    private static readonly KafkaServiceFacts Running = new("kafka", "systemd", ServiceState.Running, 4242, "ActiveState=active");

    [Fact]
    public void EvaluateApi_SecurityFailure_AuthFailedFindingNotUnresponsive()
    {
        var facts = new KafkaApiFacts("127.0.0.1:9093", true, false, 0, 0, "SSL (CA /etc/kafka-agent/ca.pem): certificate verify failed") { SecurityFailure = true };

        var (summary, findings) = KafkaRules.EvaluateApi(facts, Running);

        var finding = Assert.Single(findings);
        Assert.Equal(FindingIds.KafkaApiAuthFailed, finding.Id);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("certificate verify failed", finding.Summary, StringComparison.Ordinal);
        Assert.Contains("kafka.security", finding.Summary, StringComparison.Ordinal);
        Assert.StartsWith("refused:", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateApi_NoAnswerWithoutSecurityFailure_StillUnresponsive()
    {
        var facts = new KafkaApiFacts("127.0.0.1:9092", true, false, 0, 0, "Metadata: Local: Timed out");

        var (_, findings) = KafkaRules.EvaluateApi(facts, Running);

        Assert.Equal(FindingIds.KafkaApiUnresponsive, Assert.Single(findings).Id);
    }
}
