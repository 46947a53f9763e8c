using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>
/// The set of keys agent.yaml may hold, read from the options classes, so that a misspelt key is rejected
/// by name instead of being silently ignored by the configuration binder.
/// </summary>
internal static class OptionsSchema
{
    /// <summary>Finds the type a configuration key binds to; null with the first unknown segment otherwise.</summary>
    /// <remarks>
    /// The walk reads public properties by reflection; under trimming (Native AOT) only kept members are seen,
    /// so every options class is kept here. A new options class must be added to this list.
    /// </remarks>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(AgentOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(KafkaOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(KafkaServiceOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(KafkaSecurityOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ZooKeeperOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ClusterOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(DiskOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(OwnershipOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(MetricsOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(HealOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(HealGraceOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(LoggingOptions))]
    public static (Type? LeafType, string? UnknownPrefix) Resolve(Type rootType, string key)
    {
        var type = rootType;
        var segments = key.Split(ConfigurationPath.KeyDelimiter);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var element = ElementType(type);
            if (element is not null)
            {
                if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return (null, Join(segments, i));
                }

                type = element;
                continue;
            }

            var property = FindProperty(type, segment);
            if (property is null)
            {
                return (null, Join(segments, i));
            }

            type = property.PropertyType;
        }

        return (type, null);
    }

    /// <summary>Whether a scalar text converts to the type; the phrase for the error message otherwise.</summary>
    public static string? CheckScalar(Type type, string? value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || value is null)
        {
            return null;
        }

        if (ElementType(target) is not null || (target.IsClass && target != typeof(string)))
        {
            return "a section, not a single value";
        }

        // Parsed the way the configuration binder parses (invariant culture); no TypeDescriptor: it is slow to warm up.
        var ok = target == typeof(bool) ? bool.TryParse(value, out _)
            : target == typeof(int) ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            : target == typeof(double) ? double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _)
            : throw new InvalidOperationException($"no parser for {target.Name} (an options property of an unsupported type)");
        return ok ? null : target == typeof(bool) ? "true or false" : target == typeof(int) ? "an integer" : "a number";
    }

    /// <summary>Display form of a key: kafka.service.name, log_dirs[0].</summary>
    public static string Display(string key) =>
        string.Join('.', key.Split(ConfigurationPath.KeyDelimiter)).ToLowerInvariant();

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Only options classes reach here; Resolve keeps their public properties.")]
    private static PropertyInfo? FindProperty(Type type, string segment)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            if (string.Equals(name, segment, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
    }

    private static string Join(string[] segments, int upTo) =>
        string.Join(ConfigurationPath.KeyDelimiter, segments.Take(upTo + 1));
}
