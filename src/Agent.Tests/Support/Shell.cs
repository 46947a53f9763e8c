using System.Diagnostics;

namespace KafkaAgent.Tests.Support;

/// <summary>Runs a real command (chown, mount...) and fails the test with its output when it fails.</summary>
internal static class Shell
{
    public static string Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: exit {process.ExitCode}: {output}");
    }
}
