using System.Diagnostics;

namespace KafkaAgent.Tests.Support;

/// <summary>The real <c>kafka-agent run</c> binary as a child process, its output kept in a file for failure messages.</summary>
internal sealed class AgentProcess : IDisposable
{
    private static readonly Lock AppendGate = new();
    private readonly string _configPath;
    private readonly string _logPath;
    private Process? _process;

    public AgentProcess(string configPath, string logPath)
    {
        this._configPath = configPath;
        this._logPath = logPath;
    }

    public static string Binary => Path.Combine(AppContext.BaseDirectory, "kafka-agent");

    public bool Running => _process is { HasExited: false };

    public AgentProcess Start()
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(_configPath);
        var started = Process.Start(info)!;
        started.OutputDataReceived += (_, e) => Append(_logPath, e.Data);
        started.ErrorDataReceived += (_, e) => Append(_logPath, e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        _process = started;
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
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        // Without a timeout WaitForExit also waits until the output handlers have seen the last line.
        _process?.WaitForExit();
    }

    /// <summary>SIGTERM (a graceful stop, as systemctl stop), SIGKILL only if it has not ended after 10 s.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            Shell.RunAllowingFailure("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }

        _process?.WaitForExit();
    }

    /// <summary>The agent's log for a failure message: its first 2000 and last 4000 characters.</summary>
    public string Log() => LogExcerpt.Read(_logPath, head: 2000, tail: 4000);

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
    }
}
