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
    private readonly Process process;
    private readonly StringBuilder output = new();

    private StandInBroker(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
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
            Assert.False(process.HasExited, $"the stand-in exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
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

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private bool disposed;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            Shell.RunAllowingFailure("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                process.WaitForExit();
            }
        }

        process.Dispose();
    }
}
