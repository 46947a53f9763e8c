using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Tests.Platform;

/// <summary>Real commands: a shell that leaves a grandchild behind, a flood of output, a daemon holding the pipe.</summary>
public sealed class ProcessRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runner-").FullName;
    private readonly ProcFs _proc = new();

    [Fact]
    public async Task RunAsync_CallerCancels_ChildAndGrandchildKilled()
    {
        var pids = Path.Combine(_dir, "pids");
        using var cancel = new CancellationTokenSource();
        var run = new ProcessRunner().RunAsync("sh", ["-c", $"sleep 300 & echo $$ $! > {pids}; wait"], TimeSpan.FromMinutes(5), cancel.Token);
        var (shell, sleeper) = await ReadPidsAsync(pids);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(await GoneAsync(shell), $"the shell {shell} still runs");
        Assert.True(await GoneAsync(sleeper), $"its child {sleeper} still runs");
    }

    [Fact]
    public async Task RunAsync_Timeout_ChildKilledAndTimeoutThrown()
    {
        var pids = Path.Combine(_dir, "pids");
        var run = new ProcessRunner().RunAsync("sh", ["-c", $"sleep 300 & echo $$ $! > {pids}; wait"], TimeSpan.FromSeconds(3), CancellationToken.None);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => run);

        var (shell, sleeper) = await ReadPidsAsync(pids);
        Assert.Contains("killed", error.Message, StringComparison.Ordinal);
        Assert.True(await GoneAsync(shell));
        Assert.True(await GoneAsync(sleeper));
    }

    [Fact]
    public async Task RunAsync_OutputBeyondLimit_KeptUpToLimitAndMarkedTruncated()
    {
        var result = await new ProcessRunner().RunAsync("sh", ["-c", "head -c 1000000 /dev/zero | tr '\\0' x; echo done >&2"], TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.OutputTruncated);
        Assert.Equal(ProcessRunner.OutputLimit, result.Output.Length);
    }

    [Fact]
    public async Task RunAsync_ShortOutput_CompleteAndNotTruncated()
    {
        var result = await new ProcessRunner().RunAsync("sh", ["-c", "echo out; echo err >&2; exit 3"], TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.OutputTruncated);
        Assert.Contains("out", result.Output, StringComparison.Ordinal);
        Assert.Contains("err", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DaemonKeepsOutputOpen_ReturnsWhenCommandExits()
    {
        var pids = Path.Combine(_dir, "pids");
        // The background sleep inherits stdout and stderr, as a carelessly written init script's daemon would.
        var result = await new ProcessRunner().RunAsync("sh", ["-c", $"sleep 300 & echo $! > {pids}; echo started"], TimeSpan.FromMinutes(2), CancellationToken.None);

        var daemon = int.Parse((await File.ReadAllTextAsync(pids)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("started", result.Output, StringComparison.Ordinal);
            Assert.True(_proc.IsAlive(daemon), "the daemon must outlive the command that started it");
        }
        finally
        {
            _ = LibC.Kill(daemon, LibC.SigKill);
        }
    }

    [Fact]
    public async Task RunAsync_NoSuchProgram_Win32Exception()
    {
        await Assert.ThrowsAsync<System.ComponentModel.Win32Exception>(() =>
            new ProcessRunner().RunAsync("no-such-program-here", [], TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    private static async Task<(int, int)> ReadPidsAsync(string file)
    {
        for (var i = 0; i < 600; i++)
        {
            if (File.Exists(file) && (await File.ReadAllTextAsync(file)).Trim().Split(' ') is [var a, var b])
            {
                return (int.Parse(a, System.Globalization.CultureInfo.InvariantCulture), int.Parse(b, System.Globalization.CultureInfo.InvariantCulture));
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{file} never appeared");
    }

    /// <summary>Waits (bounded) for the process to be gone or a zombie: SIGKILL is delivered asynchronously.</summary>
    private async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 200 && _proc.IsAlive(pid); i++)
        {
            await Task.Delay(50);
        }

        return !_proc.IsAlive(pid);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
