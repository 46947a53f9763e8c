using System.CommandLine;
using System.Runtime.InteropServices;

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

    /// <summary>The full informational version (with the source revision when the build has one) and the runtime.</summary>
    public static string Describe() =>
        $"kafka-agent {ProductVersion.Informational} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier})";
}
