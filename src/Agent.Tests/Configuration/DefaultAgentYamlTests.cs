using KafkaAgent.Configuration;

namespace KafkaAgent.Tests.Configuration;

public sealed class DefaultAgentYamlTests
{
    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "BrokerAgent.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    [Fact]
    public void Bind_ShippedAgentYaml_EveryKeyKnownAndEqualToTheDefaults()
    {
        var options = AgentConfigurationLoader.Bind(RepositoryFile("agent.yaml"), new Dictionary<string, string?>());
        var defaults = new AgentOptions();

        Assert.Equal(defaults.Kafka.ServerProperties, options.Kafka.ServerProperties);
        Assert.Equal(defaults.ZooKeeper.Properties, options.ZooKeeper.Properties);
        Assert.Equal(defaults.Disk.HighRatio, options.Disk.HighRatio);
        Assert.Equal(defaults.Metrics.Port, options.Metrics.Port);
        Assert.Equal(defaults.Logging.Format, options.Logging.Format);
        Assert.Equal("text", options.Logging.Format);
        Assert.Equal(defaults.Ownership.CpuBudgetRatio, options.Ownership.CpuBudgetRatio);
        Assert.Equal("kafka", options.Kafka.User);
        Assert.Empty(options.Kafka.LogDirs);
        Assert.Null(options.Kafka.BrokerId);
    }
}
