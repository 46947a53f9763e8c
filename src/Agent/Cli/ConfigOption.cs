using System.CommandLine;
using KafkaAgent.Configuration;

namespace KafkaAgent.Cli;

/// <summary>--config, shared by every verb that reads agent.yaml.</summary>
internal static class ConfigOption
{
    public static Option<string> Create() => new("--config", "-c")
    {
        // The default is shown by the help itself ([default: ...]).
        Description = "Path of agent.yaml.",
        DefaultValueFactory = _ => AgentConfigurationLoader.DefaultPath,
    };

    /// <summary>Loads and validates; on failure prints the one-line reason to stderr and returns null (exit 78).</summary>
    public static AgentSettings? Load(string path, TextWriter error)
    {
        var settings = TryLoad(path, out var problem);
        if (settings is null)
        {
            error.WriteLine($"kafka-agent: configuration error: {problem}");
        }

        return settings;
    }

    /// <summary>Loads and validates; on failure returns null and the one-line reason, for callers that print it their own way.</summary>
    public static AgentSettings? TryLoad(string path, out string? problem)
    {
        try
        {
            problem = null;
            return AgentConfigurationLoader.LoadFromProcess(path);
        }
        catch (ConfigurationException ex)
        {
            problem = ex.Message;
            return null;
        }
    }
}
