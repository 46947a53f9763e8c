using System.Diagnostics;
using System.Text;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Platform;

/// <param name="OutputTruncated">Output (stdout and stderr together) passed <see cref="ProcessRunner.OutputLimit"/> characters; the rest was read and dropped.</param>
internal sealed record ProcessResult(int ExitCode, string Output, bool OutputTruncated = false);

/// <summary>Runs a short command (systemctl, service, a stop script) with a deadline; output is bounded and never echoed.</summary>
internal interface IProcessRunner
{
    /// <exception cref="TimeoutException">The command did not finish in time (it is killed).</exception>
    /// <exception cref="OperationCanceledException">The caller gave up (the command is killed).</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The command does not exist.</exception>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>
/// On Linux each command runs in its own session and process group (through setsid, which execs in place, so the
/// pid is the command's), so that giving up on it kills what it spawned too. A daemon the command started and left
/// holding the output pipes does not keep the caller waiting: once the command exits, output still open after a
/// short grace is left unread.
/// </summary>
internal sealed class ProcessRunner(TimeProvider time) : IProcessRunner
{
    /// <summary>Characters kept of a command's output: far more than any status line, far less than a runaway loop.</summary>
    internal const int OutputLimit = 64 * 1024;

    private const string Setsid = "/usr/bin/setsid";
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    public ProcessRunner()
        : this(TimeProvider.System)
    {
    }

    public async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ownGroup = OperatingSystem.IsLinux() && File.Exists(Setsid);
        var start = new ProcessStartInfo(ownGroup ? Setsid : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ownGroup)
        {
            // setsid would report a missing program as its own exit code; keep "does not exist" an exception.
            start.ArgumentList.Add(Resolve(fileName));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // systemctl would otherwise page or colour its output.
        start.Environment["SYSTEMD_PAGER"] = "";
        start.Environment["SYSTEMD_COLORS"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        process.StandardInput.Close();
        var output = new BoundedOutput(OutputLimit);
        var readers = Task.WhenAll(output.DrainAsync(process.StandardOutput), output.DrainAsync(process.StandardError));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process, ownGroup);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0.#} s (killed)");
        }

        await Task.WhenAny(readers, Task.Delay(OutputGrace, time, CancellationToken.None));
        return new ProcessResult(process.ExitCode, output.Text, output.Truncated);
    }

    private static void Kill(Process process, bool ownGroup)
    {
        if (ownGroup)
        {
            // The whole group: children that stayed in it; Kill(entireProcessTree) below also reaches any that left.
            _ = LibC.Kill(-process.Id, LibC.SigKill);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Resolve(string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(fileName) ? fileName : throw new System.ComponentModel.Win32Exception(LibC.ENOENT, $"{fileName}: no such file");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new System.ComponentModel.Win32Exception(LibC.ENOENT, $"{fileName}: not found in PATH");
    }

    /// <summary>stdout and stderr of one command, kept up to a limit; the rest is read (so the command never blocks on a full pipe) and dropped.</summary>
    private sealed class BoundedOutput(int limit)
    {
        private readonly StringBuilder _text = new();

        public bool Truncated { get; private set; }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public async Task DrainAsync(StreamReader reader)
        {
            var buffer = new char[4096];
            try
            {
                int read;
                while ((read = await reader.ReadAsync(buffer)) > 0)
                {
                    lock (_text)
                    {
                        var keep = Math.Min(read, limit - _text.Length);
                        _text.Append(buffer, 0, keep);
                        Truncated |= keep < read;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The process object went away while a daemon still held the pipe.
            }
        }
    }
}
