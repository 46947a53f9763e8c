using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KafkaAgent.Tests.Diagnosis;

public sealed class FindingLogTests
{
    [Theory]
    [InlineData((int)Severity.Critical, LogLevel.Error)]
    [InlineData((int)Severity.Warning, LogLevel.Warning)]
    [InlineData((int)Severity.Info, LogLevel.Information)]
    public void Raised_Severity_JournalPriority(int severityValue, LogLevel expected)
    {
        var severity = (Severity)severityValue;
        var logger = new FakeLogger();

        FindingLog.Raised(logger, Finding.Of(FindingIds.KafkaDown, severity, "Kafka service kafka is not running"));

        var record = logger.LatestRecord;
        Assert.Equal(expected, record.Level);
        Assert.Equal(4101, record.Id.Id);
        Assert.Contains("kafka.down", record.Message, StringComparison.Ordinal);
    }
}
