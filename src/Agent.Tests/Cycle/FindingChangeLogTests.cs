using KafkaAgent.Cycle;
using KafkaAgent.Diagnosis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace KafkaAgent.Tests.Cycle;

public sealed class FindingChangeLogTests
{
    private readonly FakeLogger _logger = new();

    private static Finding Disk(string id, string path, string percent) =>
        Finding.Of(id, id == FindingIds.DiskCritical ? Severity.Critical : Severity.Warning, $"log_dir {path} is {percent} full", ("path", path));

    private IReadOnlyList<FakeLogRecord> Records => _logger.Collector.GetSnapshot();

    [Fact]
    public void Update_DiskFillsFurtherBelowTheNextThreshold_LogsOnlyTheFirstTime()
    {
        var log = new FindingChangeLog(_logger);

        log.Update([Disk(FindingIds.DiskHigh, "/var/kafka", "86%")]);
        log.Update([Disk(FindingIds.DiskHigh, "/var/kafka", "88%")]);
        log.Update([Disk(FindingIds.DiskHigh, "/var/kafka", "91%")]);

        var record = Assert.Single(Records);
        Assert.Equal(4001, record.Id.Id);
        Assert.Contains("86%", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_CrossesIntoCritical_LogsTheCrossingAndClearsTheHighOnce()
    {
        var log = new FindingChangeLog(_logger);

        log.Update([Disk(FindingIds.DiskHigh, "/var/kafka", "90%")]);
        log.Update([Disk(FindingIds.DiskCritical, "/var/kafka", "96%")]);
        log.Update([Disk(FindingIds.DiskCritical, "/var/kafka", "97%")]);

        Assert.Equal([4001, 4001, 4002], Records.Select(r => r.Id.Id));
        Assert.Contains("disk.critical [/var/kafka]", Records[1].Message, StringComparison.Ordinal);
        Assert.Contains("disk.high [/var/kafka] cleared", Records[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_OnePathClearsWhileAnotherKeepsTheSameFinding_LogsClearedForThatPath()
    {
        var log = new FindingChangeLog(_logger);
        log.Update([Disk(FindingIds.DiskHigh, "/data/a", "90%"), Disk(FindingIds.DiskHigh, "/data/b", "90%")]);
        _logger.Collector.Clear();

        log.Update([Disk(FindingIds.DiskHigh, "/data/b", "91%")]);

        var record = Assert.Single(Records);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("finding disk.high [/data/a] cleared", record.Message);
    }

    [Fact]
    public void Update_SecondPathGetsTheSameFinding_LogsItForThatPath()
    {
        var log = new FindingChangeLog(_logger);
        log.Update([Disk(FindingIds.DiskHigh, "/data/a", "90%")]);
        _logger.Collector.Clear();

        log.Update([Disk(FindingIds.DiskHigh, "/data/a", "90%"), Disk(FindingIds.DiskHigh, "/data/b", "86%")]);

        var record = Assert.Single(Records);
        Assert.Contains("[/data/b]", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_FindingWithoutSubjectClears_LogsClearedWithTheId()
    {
        var log = new FindingChangeLog(_logger);
        log.Update([Finding.Of(FindingIds.ClusterIsolated, Severity.Critical, "only [1]", ("registered", "1"))]);

        log.Update([]);

        Assert.Equal("finding cluster.isolated [] cleared", Records[^1].Message);
    }
}
