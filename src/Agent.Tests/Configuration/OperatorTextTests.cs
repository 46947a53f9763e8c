using KafkaAgent.Cli;
using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Configuration;

/// <summary>Text an operator reads when something is off: it must say what is wrong, where, in plain English.</summary>
public sealed class OperatorTextTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private readonly HostFiles _host = new HostFiles().WithServer().WithZooKeeper();

    [Fact]
    public void Load_DirectoryAsConfig_SaysIsADirectory()
    {
        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.Root, NoEnvironment));

        Assert.Equal($"{_host.Root}: cannot read the configuration: is a directory, not a file", error.Message);
    }

    [Fact]
    public void Load_CrossKeyErrorCausedByEnvironment_NamesTheVariable()
    {
        _host.WithAgentYaml("disk:\n  critical_ratio: 0.9\n");
        var environment = new Dictionary<string, string?> { ["KAFKA_AGENT_DISK__HIGH_RATIO"] = "0.95" };

        var error = Assert.Throws<ConfigurationException>(() => AgentConfigurationLoader.Load(_host.AgentYaml, environment));

        Assert.StartsWith("environment KAFKA_AGENT_DISK__HIGH_RATIO with " + _host.AgentYaml, error.Message, StringComparison.Ordinal);
        Assert.Contains("disk.critical_ratio: must be above disk.high_ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ConfigOption_ShowsItsDefaultOnce()
    {
        var output = new StringWriter();
        var parse = AgentCommandLine.Build().Parse(["check", "--help"]);
        parse.InvocationConfiguration.Output = output;

        parse.Invoke();

        var help = output.ToString();
        var first = help.IndexOf(AgentConfigurationLoader.DefaultPath, StringComparison.Ordinal);
        Assert.True(first >= 0, help);
        Assert.Equal(-1, help.IndexOf(AgentConfigurationLoader.DefaultPath, first + 1, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "1 symlink")]
    [InlineData(2, "2 symlinks")]
    [InlineData(0, "0 symlinks")]
    public void Plural_Count_SingularOnlyForOne(long count, string expected)
    {
        Assert.Equal(expected, Plural.Of(count, "symlink"));
    }

    public void Dispose() => _host.Dispose();
}
