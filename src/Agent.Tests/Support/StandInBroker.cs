using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace KafkaAgent.Tests.Support;

/// <summary>
/// One broker stand-in process (src/Sandbox's `kafka-sandbox broker server.properties`, as a host's
/// kafka-server-start.sh runs it) in the foreground of this test; stopped with SIGTERM on dispose, killed if it lingers.
/// </summary>
internal sealed class StandInBroker : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private StandInBroker(Process process)
    {
        this._process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static StandInBroker Start(string serverProperties)
    {
        var dll = Path.Combine(SandboxHost.RepositoryRoot, "src", "Sandbox", "bin", "Release", "net10.0", "kafka-sandbox.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build BrokerAgent.sln first");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("broker");
        start.ArgumentList.Add(serverProperties);
        return new StandInBroker(Process.Start(start)!);
    }

    /// <summary>Waits (bounded) until the port accepts; fails with the broker's own output when it exits or never listens.</summary>
    public async Task WaitListeningAsync(int port, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            Assert.False(_process.HasExited, $"the stand-in exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        Assert.Fail($"the stand-in did not listen on {port} within {within.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            Shell.RunAllowingFailure("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        _process.Dispose();
    }
}
