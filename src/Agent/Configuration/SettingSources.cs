using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>One resolved setting as <c>kafka-agent config</c> shows it.</summary>
/// <param name="Key">Display key: kafka.service.name.</param>
/// <param name="Value">The value in use; empty when unset.</param>
/// <param name="Source">default, "PATH line N", "environment variable NAME", "server.properties (PATH)", "discovery: ...".</param>
internal sealed record ResolvedSetting(string Key, string Value, string Source);

/// <summary>Lists every agent.yaml key with the value the agent uses and where that value came from.</summary>
internal static class SettingSources
{
    public const string Default = "default";

    /// <summary>The display key a configuration key counts under: list items count under their list.</summary>
    public static string KeyOf(string configurationKey)
    {
        var segments = configurationKey.Split(ConfigurationPath.KeyDelimiter).ToList();
        while (segments.Count > 1 && int.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return OptionsSchema.Display(string.Join(ConfigurationPath.KeyDelimiter, segments));
    }

    /// <param name="given">Keys agent.yaml or the environment set, with where.</param>
    /// <param name="discovered">Keys left unset that discovery filled, with the value found and where.</param>
    public static IReadOnlyList<ResolvedSetting> Describe(
        AgentOptions options, IReadOnlyDictionary<string, string> given, IReadOnlyDictionary<string, ResolvedSetting> discovered)
    {
        var result = new List<ResolvedSetting>();
        Walk(options, prefix: null, result);
        for (var i = 0; i < result.Count; i++)
        {
            var key = result[i].Key;
            if (given.TryGetValue(key, out var source))
            {
                result[i] = result[i] with { Source = source };
            }
            else if (discovered.TryGetValue(key, out var found))
            {
                result[i] = found;
            }
        }

        return result;
    }

    /// <summary>Keys whose value differs between two resolutions, as "key: old -> new".</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyList<ResolvedSetting> before, IReadOnlyList<ResolvedSetting> after)
    {
        var old = before.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return after
            .Where(s => !old.TryGetValue(s.Key, out var value) || !string.Equals(value, s.Value, StringComparison.Ordinal))
            .Select(s => $"{s.Key}: {Show(old.GetValueOrDefault(s.Key))} -> {Show(s.Value)}")
            .ToList();

        static string Show(string? value) => string.IsNullOrEmpty(value) ? "(unset)" : value;
    }

    // The options classes are kept for reflection by OptionsSchema.Resolve, which every load runs first.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Only options classes reach here; OptionsSchema.Resolve keeps their public properties.")]
    private static void Walk(object section, string? prefix, List<ResolvedSetting> into)
    {
        foreach (var property in section.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            var key = prefix is null ? name : $"{prefix}.{name}";
            var value = property.GetValue(section);
            if (value is not null && value is not string && value is not IEnumerable && property.PropertyType.IsClass)
            {
                Walk(value, key, into);
                continue;
            }

            into.Add(new ResolvedSetting(key, Format(value), Default));
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? "",
    };
}
