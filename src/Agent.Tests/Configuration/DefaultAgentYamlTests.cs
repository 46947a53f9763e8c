using System.Collections;
using System.Globalization;
using System.Reflection;
using KafkaAgent.Configuration;
using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Tests.Configuration;

/// <summary>The shipped agent.yaml documents every key with exactly the default the code uses.</summary>
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

    /// <summary>Every leaf option as key path (agent.yaml spelling) and value, rendered invariantly.</summary>
    private static SortedDictionary<string, string> Leaves(object options)
    {
        var leaves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Walk(object? value, string prefix)
        {
            foreach (var property in value!.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                var child = property.GetValue(value);
                var type = property.PropertyType;
                if (type.IsClass && type != typeof(string) && child is not IEnumerable)
                {
                    Walk(child, path);
                }
                else if (child is IEnumerable list and not string)
                {
                    leaves[path] = "[" + string.Join(",", list.Cast<object>().Select(Render)) + "]";
                }
                else
                {
                    leaves[path] = Render(child);
                }
            }
        }

        Walk(options, "");
        return leaves;
    }

    private static string Render(object? value) => value is null ? "<null>" : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    [Fact]
    public void Bind_ShippedAgentYaml_EveryKeyEqualToTheCodeDefault()
    {
        var shipped = Leaves(AgentConfigurationLoader.Bind(RepositoryFile("agent.yaml"), new Dictionary<string, string?>()));
        var defaults = Leaves(new AgentOptions());

        Assert.True(defaults.Count >= 25, $"only {defaults.Count} option keys found: the walk missed a section");
        Assert.Equal(defaults, shipped);
    }

    [Fact]
    public void Flatten_ShippedAgentYaml_DocumentsEveryOptionKey()
    {
        var path = RepositoryFile("agent.yaml");
        var documented = YamlFlattener.Flatten(File.ReadAllText(path), path).Keys
            .Select(k => k.Replace(ConfigurationPath.KeyDelimiter, ".", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var undocumented = Leaves(new AgentOptions()).Keys.Where(k => !documented.Contains(k)).ToList();

        Assert.Empty(undocumented);
    }
}
