using System.CommandLine;
using KafkaAgent.Configuration;

namespace KafkaAgent.Cli;

/// <summary>--config, shared by every verb that reads agent.yaml.</summary>
internal static class ConfigOption
{
    public static Option<string> Create() => new("--config", "-c")
    {
        Description = $"Path of agent.yaml (default {AgentConfigurationLoader.DefaultPath}).",
        DefaultValueFactory = _ => AgentConfigurationLoader.DefaultPath,
    };

    /// <summary>Loads and validates; on failure prints the one-line reason to stderr and returns null (exit 78).</summary>
    public static AgentSettings? Load(string path, TextWriter error)
    {
        try
        {
            return AgentConfigurationLoader.LoadFromProcess(path);
        }
        catch (ConfigurationException ex)
        {
            error.WriteLine($"kafka-agent: configuration error: {ex.Message}");
            return null;
        }
    }
}
