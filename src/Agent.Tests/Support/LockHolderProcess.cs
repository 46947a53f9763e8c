using System.Diagnostics;

namespace KafkaAgent.Tests.Support;

/// <summary>
/// The real agent binary holding the cluster lock in a process of its own (hidden verb lock-hold), so a test can
/// kill -9 or SIGSTOP the holder. Closing stdin releases; dispose kills what is left.
/// </summary>
internal sealed class LockHolderProcess : IDisposable
{
    private readonly Process _process;

    private LockHolderProcess(Process process) => this._process = process;

    public int Pid => _process.Id;

    /// <summary>The held lock node ("/kafka-agent/locks/disruptive/lock-...").</summary>
    public string Path { get; private set; } = "";

    public long SessionId { get; private set; }

    public static async Task<LockHolderProcess> StartHoldingAsync(string connect, int brokerId, int sessionTimeoutMs = 2000)
    {
        var info = new ProcessStartInfo(System.IO.Path.Combine(AppContext.BaseDirectory, "kafka-agent"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "lock-hold", "--zookeeper", connect, "--broker-id", brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--action", "restart_kafka", "--session-timeout-ms", sessionTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var holder = new LockHolderProcess(Process.Start(info)!);
        var line = await holder.ReadLineAsync();
        if (line is null || !line.StartsWith("held ", StringComparison.Ordinal))
        {
            var error = await holder._process.StandardError.ReadToEndAsync();
            holder.Dispose();
            throw new InvalidOperationException($"lock-hold did not hold the lock: '{line}' {error}");
        }

        var parts = line.Split(' ');
        holder.Path = parts[1];
        holder.SessionId = Convert.ToInt64(parts[2][2..], 16);
        return holder;
    }

    public async Task<string?> ReadLineAsync() =>
        await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Closes stdin (the holder releases) and returns the exit code.</summary>
    public async Task<int> CloseInputAndWaitAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public void Signal(string signal) => Shell.Run("kill", "-" + signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
