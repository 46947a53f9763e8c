using System.Diagnostics;

namespace KafkaAgent.Tests.Support;

/// <summary>The real <c>kafka-agent run</c> binary as a child process, its output kept in a file for failure messages.</summary>
internal sealed class AgentProcess : IDisposable
{
    private static readonly Lock AppendGate = new();
    private readonly string configPath;
    private readonly string logPath;
    private Process? process;

    public AgentProcess(string configPath, string logPath)
    {
        this.configPath = configPath;
        this.logPath = logPath;
    }

    public static string Binary => Path.Combine(AppContext.BaseDirectory, "kafka-agent");

    public bool Running => process is { HasExited: false };

    public AgentProcess Start()
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        var started = Process.Start(info)!;
        started.OutputDataReceived += (_, e) => Append(logPath, e.Data);
        started.ErrorDataReceived += (_, e) => Append(logPath, e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        return this;
    }

    /// <summary>Appends one line of a child's output (opened per line: the handlers may run after the child exited).</summary>
    internal static void Append(string path, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (AppendGate)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    /// <summary>SIGKILL, as a crash would: no goodbye to anyone.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        // Without a timeout WaitForExit also waits until the output handlers have seen the last line.
        process?.WaitForExit();
    }

    /// <summary>SIGTERM (a graceful stop, as systemctl stop), SIGKILL only if it has not ended after 10 s.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            Shell.RunAllowingFailure("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }

        process?.WaitForExit();
    }

    /// <summary>The agent's log for a failure message: its first 2000 and last 4000 characters.</summary>
    public string Log() => LogExcerpt.Read(logPath, head: 2000, tail: 4000);

    public void Dispose()
    {
        Stop();
        process?.Dispose();
    }
}
