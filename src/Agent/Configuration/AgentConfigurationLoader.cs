using System.Collections;
using KafkaAgent.Configuration.Discovery;
using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>
/// Loads agent.yaml, applies KAFKA_AGENT_* environment overrides (KAFKA_AGENT_DISK__HIGH_RATIO=0.8),
/// rejects unknown keys and bad values by name, validates, then discovers the rest from Kafka's and
/// ZooKeeper's own configs. Every failure is a <see cref="ConfigurationException"/> with one line.
/// </summary>
internal static class AgentConfigurationLoader
{
    public const string DefaultPath = "/etc/kafka-agent/agent.yaml";
    public const string EnvironmentPrefix = "KAFKA_AGENT_";

    public static AgentSettings LoadFromProcess(string path)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        return Load(path, environment);
    }

    /// <param name="locator">Where unset config paths are looked for; default: this host's process table and usual places.</param>
    public static AgentSettings Load(string path, IReadOnlyDictionary<string, string?> environment, ConfigLocator? locator = null)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = Bind(path, environment, given);
        var settings = SettingsResolver.Resolve(path, options, given, locator ?? ConfigLocator.Host);
        return settings with { Sources = SettingSources.Describe(options, given, settings.Discovered) };
    }

    /// <summary>Reads, checks and binds the options without discovery (exposed for tests).</summary>
    public static AgentOptions Bind(string path, IReadOnlyDictionary<string, string?> environment) =>
        Bind(path, environment, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <param name="given">Filled with where each key that agent.yaml or the environment sets came from (display key: kafka.home).</param>
    private static AgentOptions Bind(string path, IReadOnlyDictionary<string, string?> environment, Dictionary<string, string> given)
    {
        string text;
        if (Directory.Exists(path))
        {
            throw new ConfigurationException($"{path}: cannot read the configuration: is a directory, not a file");
        }

        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var what = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.Message;
            throw new ConfigurationException($"{path}: cannot read the configuration: {what}", ex);
        }

        var yaml = YamlFlattener.Flatten(text, path);
        foreach (var (key, (value, line)) in yaml)
        {
            Check(key, value, $"{path}:{line}");
            if (value is not null)
            {
                // An empty key in agent.yaml means unset: the default or discovery applies, and is named as the source.
                given.TryAdd(SettingSources.KeyOf(key), $"{path} line {line}");
            }
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                var key = name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                Check(key, value, $"environment variable {name} (over {path})");
                overrides[key] = value;
                given[SettingSources.KeyOf(key)] = $"environment variable {name}";
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(yaml.Select(p => KeyValuePair.Create(p.Key, p.Value.Value)))
            .AddInMemoryCollection(overrides)
            .Build();
        var options = new AgentOptions();
        configuration.Bind(options);

        string Variable(string key) => $"environment {EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}";
        foreach (var (key, problem) in OptionsValidator.Validate(options))
        {
            // A rule across two keys (critical above high) may fail because of the other key's variable: name it.
            var related = overrides.Keys.FirstOrDefault(k => !string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
                && problem.Contains(OptionsSchema.Display(k), StringComparison.Ordinal));
            var file = yaml.TryGetValue(key, out var entry) ? $"{path}:{entry.Line}" : path;
            var where = overrides.ContainsKey(key) ? Variable(key)
                : related is not null ? $"{Variable(related)} with {file}"
                : file;
            throw new ConfigurationException($"{where}: {OptionsSchema.Display(key)}: {problem}");
        }

        return options;
    }

    private static void Check(string key, string? value, string where)
    {
        var (type, unknown) = OptionsSchema.Resolve(typeof(AgentOptions), key);
        if (type is null)
        {
            throw new ConfigurationException($"{where}: unknown key '{OptionsSchema.Display(unknown!)}'");
        }

        if (OptionsSchema.CheckScalar(type, value) is { } expected)
        {
            throw new ConfigurationException($"{where}: {OptionsSchema.Display(key)}: '{value}' is not {expected}");
        }
    }
}
