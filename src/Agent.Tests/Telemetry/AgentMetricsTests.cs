using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Telemetry;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace KafkaAgent.Tests.Telemetry;

public sealed class AgentMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Theory]
    [InlineData("kafka_agent_logdir_used_ratio")]
    [InlineData("kafka_agent_logdir_avail_bytes")]
    [InlineData("kafka_agent_logdir_inodes_used_ratio")]
    public void Record_LogDirAndZooKeeperDataDir_KindLabelTellsThemApart(string instrument)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        var metrics = new AgentMetrics(factory);
        var disk = new DiskFacts(
        [
            new VolumeUsage("/var/kafka", DiskRoles.LogDir, 100, 60, 0.4, 10, 9, 0.1, null),
            new VolumeUsage("/var/zookeeper", DiskRoles.ZooKeeperData, 100, 20, 0.8, 10, 5, 0.5, null),
        ]);
        var observation = Observations.Of(disk: disk);
        using var collector = new MetricCollector<double>(factory, AgentMetrics.MeterName, instrument);

        metrics.Record(observation, Diagnoser.Diagnose(observation, Observations.Thresholds), TimeSpan.FromSeconds(1));
        collector.RecordObservableInstruments();

        var kinds = collector.GetMeasurementSnapshot()
            .Select(m => ((string)m.Tags["path"]!, (string)m.Tags["kind"]!))
            .Order()
            .ToArray();
        Assert.Equal([("/var/kafka", "kafka"), ("/var/zookeeper", "zookeeper")], kinds);
    }

    public void Dispose() => _services.Dispose();
}
