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
        Assert.Equal("heal", options.Mode);
        Assert.Equal(defaults.Mode, options.Mode);
        Assert.Equal(defaults.StateDir, options.StateDir);
        Assert.Equal(defaults.CycleTimeoutSeconds, options.CycleTimeoutSeconds);
        Assert.Equal(defaults.Disk.ReclaimReplicated, options.Disk.ReclaimReplicated);
        Assert.Equal(defaults.Kafka.Service.StopTimeoutSeconds, options.Kafka.Service.StopTimeoutSeconds);
        Assert.Equal(defaults.ZooKeeper.Service.Name, options.ZooKeeper.Service.Name);
        Assert.Equal(defaults.ZooKeeper.Service.StopTimeoutSeconds, options.ZooKeeper.Service.StopTimeoutSeconds);
        Assert.Equal(defaults.Heal.GraceSeconds.Each(), options.Heal.GraceSeconds.Each());
        Assert.Equal(
            (defaults.Heal.BudgetAttempts, defaults.Heal.BudgetWindowSeconds, defaults.Heal.CoolOffSeconds, defaults.Heal.ActionTimeoutSeconds,
                defaults.Heal.Retries, defaults.Heal.RetryDelaySeconds, defaults.Heal.VerifyTimeoutSeconds, defaults.Heal.MassFailureBrokers),
            (options.Heal.BudgetAttempts, options.Heal.BudgetWindowSeconds, options.Heal.CoolOffSeconds, options.Heal.ActionTimeoutSeconds,
                options.Heal.Retries, options.Heal.RetryDelaySeconds, options.Heal.VerifyTimeoutSeconds, options.Heal.MassFailureBrokers));
    }
}
