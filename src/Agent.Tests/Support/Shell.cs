using System.Diagnostics;

namespace KafkaAgent.Tests.Support;

/// <summary>Runs a real command (chown, mount...) and fails the test with its output when it fails.</summary>
internal static class Shell
{
    public static string Run(string file, params string[] arguments)
    {
        var (exit, output) = RunAllowingFailure(file, arguments);
        return exit == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: exit {exit}: {output}");
    }

    /// <summary>Runs and returns the exit code with stdout (stderr is appended only when stdout is empty).</summary>
    public static (int Exit, string Output) RunAllowingFailure(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Length > 0 ? output : error.GetAwaiter().GetResult());
    }
}
