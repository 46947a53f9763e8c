using System.CommandLine;
using System.Reflection;

namespace KafkaAgent.Cli;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the agent's version and runtime.");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Describe());
            return 0;
        });
        return command;
    }

    /// <summary>The informational version without the source-revision suffix ("0.1.0", not "0.1.0+abc").</summary>
    public static string ProductVersion
    {
        get
        {
            var assembly = typeof(VersionCommand).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "unknown";
            return version.Split('+')[0];
        }
    }

    public static string Describe()
    {
        var assembly = typeof(VersionCommand).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        // Unlike ProductVersion, keeps the source-revision suffix ("+<sha>") the SDK appends: a bug report names the exact build.
        return $"kafka-agent {version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})";
    }
}
