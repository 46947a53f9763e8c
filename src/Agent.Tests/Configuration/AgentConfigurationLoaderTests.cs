using KafkaAgent.Configuration;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Configuration;

public sealed class AgentConfigurationLoaderTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private readonly HostFiles _host = new HostFiles().WithServer().WithZooKeeper(2181, "zk1", "zk2", "zk3");

    [Fact]
    public void Load_MinimalYaml_DiscoversFromServerAndZooKeeperProperties()
    {
        _host.WithAgentYaml();

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);

        Assert.Equal(1, settings.Kafka.BrokerId);
        Assert.Equal([_host.LogDir], settings.Kafka.LogDirs);
        Assert.Equal("127.0.0.1:1", settings.Kafka.ProbeEndpoint.ToString());
        Assert.Equal("127.0.0.1:1/kafka", settings.ZooKeeper.Connect.ConnectionString);
        Assert.Equal("/kafka", settings.ZooKeeper.Connect.Chroot);
        Assert.Equal(TimeSpan.FromSeconds(6), settings.ZooKeeper.SessionTimeout);
        Assert.Equal("127.0.0.1:2181", settings.ZooKeeper.Local.ToString());
        Assert.Equal(3, settings.ExpectedBrokers);
        Assert.Equal(0u, settings.Kafka.Uid);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Interval);
        Assert.Equal(LogFormat.Text, settings.LogFormat);
    }

    [Fact]
    public void Load_LoggingFormatJson_Resolved()
    {
        _host.WithAgentYaml("logging:\n  format: JSON\n");

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);

        Assert.Equal(LogFormat.Json, settings.LogFormat);
    }

    [Fact]
    public void Load_YamlValues_WinOverDiscovery()
    {
        _host.WithAgentYaml("cluster:\n  expected_brokers: 5\n");
        File.AppendAllText(_host.AgentYaml, "");
        var yaml = File.ReadAllText(_host.AgentYaml).Replace("  user: root", "  user: root\n  broker_id: 7\n  log_dirs: [/srv/a, /srv/b]\n  listener: 10.0.0.1:9093", StringComparison.Ordinal);
        File.WriteAllText(_host.AgentYaml, yaml);

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);

        Assert.Equal(7, settings.Kafka.BrokerId);
        Assert.Equal(["/srv/a", "/srv/b"], settings.Kafka.LogDirs);
        Assert.Equal("10.0.0.1:9093", settings.Kafka.ProbeEndpoint.ToString());
        Assert.Equal(5, settings.ExpectedBrokers);
    }

    [Fact]
    public void Load_EnvironmentVariable_OverridesYaml()
    {
        _host.WithAgentYaml("disk:\n  high_ratio: 0.5\n");

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, new Dictionary<string, string?> { ["KAFKA_AGENT_DISK__HIGH_RATIO"] = "0.7" });

        Assert.Equal(0.7, settings.Disk.HighRatio);
    }

    [Fact]
    public void Load_UnknownKey_NamesKeyFileAndLine()
    {
        _host.WithAgentYaml("disk:\n  hihg_ratio: 0.5\n");

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment));

        Assert.Matches($"^{Escape(_host.AgentYaml)}:\\d+: unknown key 'disk.hihg_ratio'$", error.Message);
    }

    [Fact]
    public void Load_BadBooleanFromEnvironment_NamesTheVariable()
    {
        _host.WithAgentYaml();

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml,
            new Dictionary<string, string?> { ["KAFKA_AGENT_METRICS__ENABLED"] = "maybe" }));

        Assert.Equal($"environment variable KAFKA_AGENT_METRICS__ENABLED (over {_host.AgentYaml}): metrics.enabled: 'maybe' is not true or false", error.Message);
    }

    [Fact]
    public void Load_UnknownEnvironmentKey_NamesTheVariable()
    {
        _host.WithAgentYaml();

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml,
            new Dictionary<string, string?> { ["KAFKA_AGENT_KAFKA__BROKERID"] = "3" }));

        Assert.Contains("KAFKA_AGENT_KAFKA__BROKERID", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'kafka.brokerid'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interval_seconds: often", "interval_seconds: 'often' is not a number")]
    [InlineData("cluster:\n  expected_brokers: many", "cluster.expected_brokers: 'many' is not an integer")]
    [InlineData("metrics:\n  port: 1", "not valid YAML: Duplicate key metrics")]
    [InlineData("disk:\n  high_ratio: 0.99", "disk.critical_ratio: must be above disk.high_ratio")]
    [InlineData("kafka:\n  service: systemd", "duplicate")]
    [InlineData("ownership:\n  sample_paths: 0", "ownership.sample_paths: must be between 1 and 100")]
    [InlineData("mode: mend", "mode: 'mend' is not one of heal, observe")]
    [InlineData("heal:\n  stale_registration: remove", "heal.stale_registration: 'remove' is not one of wait, delete")]
    [InlineData("heal:\n  cool_off_seconds: 60", "heal.cool_off_seconds: must be at least heal.budget_window_seconds")]
    [InlineData("heal:\n  grace_seconds:\n    restart_kafka: -1", "heal.grace_seconds.restart_kafka: must be between 0 and 86400")]
    [InlineData("cycle_timeout_seconds: 300\nheal:\n  action_timeout_seconds: 200", "heal.action_timeout_seconds: 200 s plus heal.verify_timeout_seconds (60 s) must be at most half of cycle_timeout_seconds (300 s)")]
    [InlineData("logging:\n  format: xml", "logging.format: 'xml' is not one of text, json")]
    public void Load_BadValue_OneLineNamingTheKey(string yaml, string expected)
    {
        _host.WithAgentYaml(yaml);

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment));

        Assert.True(!error.Message.Contains('\n', StringComparison.Ordinal), error.Message);
        Assert.StartsWith(_host.AgentYaml, error.Message, StringComparison.Ordinal);
        if (expected != "duplicate")
        {
            Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
        }
    }

    [Fact]
    public void Load_ZooKeeperTimeoutBeyondItsShareOfTheCycle_NamesBothKeys()
    {
        _host.WithAgentYaml("cycle_timeout_seconds: 16\nheal:\n  action_timeout_seconds: 1\n  verify_timeout_seconds: 1");

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml,
            new Dictionary<string, string?> { ["KAFKA_AGENT_KAFKA__API_TIMEOUT_SECONDS"] = "1", ["KAFKA_AGENT_ZOOKEEPER__TIMEOUT_SECONDS"] = "5" }));

        Assert.Contains("zookeeper.timeout_seconds: 5 s does not fit in a cycle: at most a quarter of cycle_timeout_seconds (16 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ApiTimeoutBeyondItsShareOfTheCycle_NamesBothKeys()
    {
        _host.WithAgentYaml("cycle_timeout_seconds: 12\nheal:\n  action_timeout_seconds: 1\n  verify_timeout_seconds: 1");

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml,
            new Dictionary<string, string?> { ["KAFKA_AGENT_KAFKA__API_TIMEOUT_SECONDS"] = "5" }));

        Assert.Contains("kafka.api_timeout_seconds: 5 s does not fit in a cycle: at most a quarter of cycle_timeout_seconds (12 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativeStateDir_NamesTheKeyAndTheVariable()
    {
        _host.WithAgentYaml();

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml,
            new Dictionary<string, string?> { ["KAFKA_AGENT_STATE_DIR"] = "var/lib" }));

        Assert.Contains("KAFKA_AGENT_STATE_DIR", error.Message, StringComparison.Ordinal);
        Assert.Contains("state_dir: 'var/lib' is not an absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Defaults_HealModeWithTheDocumentedHealSettings()
    {
        _host.WithAgentYaml();
        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);

        Assert.Equal(AgentMode.Heal, settings.Mode);
        Assert.Equal("/var/lib/kafka-agent", new AgentOptions().StateDir);
        Assert.Equal(_host.StateDir, settings.StateDirectory);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Heal.GraceFor("restart_kafka"));
        Assert.Equal(3, settings.Heal.BudgetAttempts);
        Assert.Equal(StaleRegistrationStrategy.Delete, settings.Heal.StaleRegistration);
        Assert.Equal(TimeSpan.FromSeconds(600), settings.CycleTimeout);
    }

    [Fact]
    public void Load_MissingConfigFile_NamesThePath()
    {
        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(Path.Combine(_host.Root, "nope.yaml"), NoEnvironment));

        Assert.Equal($"{_host.Root}/nope.yaml: cannot read the configuration: file not found", error.Message);
    }

    [Fact]
    public void Load_MissingServerProperties_NamesKeyAndPath()
    {
        _host.WithAgentYaml();
        File.Delete(_host.ServerProperties);

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment));

        Assert.Equal($"kafka.server_properties: {_host.ServerProperties}: file not found", error.Message);
    }

    [Fact]
    public void Load_UnknownUser_NamesTheKey()
    {
        _host.WithAgentYaml();
        File.WriteAllText(_host.AgentYaml, File.ReadAllText(_host.AgentYaml).Replace("user: root", "user: no-such-user-x", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment));

        Assert.Equal($"{_host.AgentYaml}: kafka.user: no such user 'no-such-user-x' on this host", error.Message);
    }

    [Fact]
    public void Load_GeneratedBrokerId_ReadFromMetaProperties()
    {
        _host.WithServer(extra: "broker.id=-1");
        File.WriteAllText(Path.Combine(_host.LogDir, "meta.properties"), "version=0\nbroker.id=1042\n");
        _host.WithAgentYaml();

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);

        Assert.Equal(1042, settings.Kafka.BrokerId);
    }

    [Fact]
    public void Load_ExplicitZooKeeperConfigMissing_IsAnError()
    {
        _host.WithAgentYaml();
        File.Delete(_host.ZooKeeperProperties);

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment));

        Assert.Equal($"zookeeper.properties: {_host.ZooKeeperProperties}: file not found", error.Message);
    }

    [Fact]
    public void Load_NoLocalZooKeeperConfig_ProbesFirstConnectHost()
    {
        _host.WithServer(zookeeperConnect: "10.1.1.1:2181,10.1.1.2:2181").WithAgentYaml(zookeeperProperties: false);

        var settings = AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);

        Assert.Null(settings.ZooKeeper.LocalServer);
        Assert.Equal("10.1.1.1:2181", settings.ZooKeeper.Local.ToString());
        Assert.Equal(0, settings.ExpectedBrokers);
    }

    public void Dispose() => _host.Dispose();

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
