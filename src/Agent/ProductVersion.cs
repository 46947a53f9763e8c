using System.Reflection;

namespace KafkaAgent;

/// <summary>The build's version, for the CLI, the metrics and the state file alike.</summary>
internal static class ProductVersion
{
    /// <summary>The informational version as the SDK stamped it, e.g. "0.1.0+abc".</summary>
    public static string Informational { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProductVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Without the source-revision suffix ("0.1.0", not "0.1.0+abc").</summary>
    public static string Short { get; } = Informational.Split('+')[0];
}
