using KafkaAgent.Configuration;
using KafkaAgent.Composition;
using KafkaAgent.Cycle;
using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaAgent.Tests.Platform;

public sealed class PlatformCompositionTests : IDisposable
{
    private readonly HostFiles _host = new HostFiles().WithServer().WithZooKeeper(1, "a").WithAgentYaml();

    [Fact]
    public void AddAgentObservation_PlatformSeams_ResolveAsConfigured()
    {
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?>
        {
            ["KAFKA_AGENT_ZOOKEEPER__SERVICE__MANAGER"] = "script",
            ["KAFKA_AGENT_ZOOKEEPER__SERVICE__STOP_TIMEOUT_SECONDS"] = "45",
        });
        using var provider = new ServiceCollection().AddAgent(settings, metricsEndpoint: false).BuildServiceProvider();

        Assert.IsType<LinuxOwnershipFixer>(provider.GetRequiredService<IOwnershipFixer>());
        Assert.IsType<LinuxFileCleaner>(provider.GetRequiredService<IFileCleaner>());
        var services = provider.GetRequiredService<ManagedServices>();
        Assert.Equal("pidfile", services.Kafka.Manager.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), services.Kafka.StopTimeout);
        Assert.Equal("zookeeper", services.ZooKeeper!.Name);
        Assert.Equal("script", services.ZooKeeper.Manager.Kind);
        Assert.Equal(TimeSpan.FromSeconds(45), services.ZooKeeper.StopTimeout);
        Assert.Equal("/usr/local/kafka/bin/zookeeper-server-start.sh", settings.ZooKeeper.Service.Scripts.Start);
        Assert.Equal("/usr/local/kafka/logs", settings.Kafka.AppLogDir);
    }

    [Theory]
    [InlineData("KAFKA_AGENT_ZOOKEEPER__SERVICE__STOP_TIMEOUT_SECONDS", "0", "zookeeper.service.stop_timeout_seconds")]
    [InlineData("KAFKA_AGENT_KAFKA__SERVICE__MANAGER", "upstart", "kafka.service.manager")]
    [InlineData("KAFKA_AGENT_KAFKA__SERVICE__COMMAND_MATCH", " ", "kafka.service.command_match")]
    [InlineData("KAFKA_AGENT_KAFKA__HOME", "relative/kafka", "kafka.home")]
    public void Load_BadServiceSetting_OneErrorNamingTheKey(string variable, string value, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?> { [variable] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
