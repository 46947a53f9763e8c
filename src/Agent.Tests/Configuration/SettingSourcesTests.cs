using KafkaAgent.Configuration;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Configuration;

public sealed class SettingSourcesTests : IDisposable
{
    private readonly HostFiles _host = new HostFiles().WithServer();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Load_EnvironmentOverride_SourceNamesTheVariable()
    {
        _host.WithAgentYaml("disk:\n  critical_ratio: 0.95\n", zookeeperProperties: false);

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?> { ["KAFKA_AGENT_DISK__CRITICAL_RATIO"] = "0.9" });

        var critical = Assert.Single(settings.Sources, s => s.Key == "disk.critical_ratio");
        Assert.Equal(new ResolvedSetting("disk.critical_ratio", "0.9", "environment variable KAFKA_AGENT_DISK__CRITICAL_RATIO"), critical);
    }

    [Fact]
    public void Load_EmptyYamlKey_CountsAsDefault()
    {
        _host.WithAgentYaml("cluster:\n  expected_brokers:\n", zookeeperProperties: false);

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>());

        Assert.Equal("default", Assert.Single(settings.Sources, s => s.Key == "metrics.port").Source);
        Assert.Equal("default (0: not checked)", Assert.Single(settings.Sources, s => s.Key == "cluster.expected_brokers").Source);
    }

    [Fact]
    public void Changes_OneValueDiffers_OneLineWithOldAndNew()
    {
        IReadOnlyList<ResolvedSetting> before = [new("a", "1", "default"), new("b", "", "default"), new("c", "x", "default")];
        IReadOnlyList<ResolvedSetting> after = [new("a", "1", "f line 2"), new("b", "/srv", "f line 3"), new("c", "x", "default")];

        Assert.Equal(["b: (unset) -> /srv"], SettingSources.Changes(before, after));
    }
}
