using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace KafkaAgent.Tests.Hosting;

/// <summary>
/// <c>systemctl reload kafka-agent</c> end to end: the real <c>kafka-agent run</c> under a notify socket the test
/// owns (as systemd's Type=notify), sent SIGHUP after agent.yaml changed, once validly and once not.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RunCommandReloadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kafka-agent-reload-").FullName;
    private readonly ConcurrentQueue<string> _output = new();

    [Fact]
    public async Task Run_SighupWithValidThenInvalidChange_AppliesTheFirstKeepsItOnTheSecond()
    {
        var socketPath = Path.Combine(_directory, "notify");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        using var files = new Support.HostFiles().WithServer().WithAgentYaml("disk:\n  high_ratio: 0.85\n", zookeeperProperties: false);
        using var agent = StartAgent(socketPath, files.AgentYaml);
        try
        {
            var received = new List<string>();
            await ReceiveUntilAsync(socket, received, m => m.StartsWith("STATUS=", StringComparison.Ordinal) && !m.StartsWith("STATUS=Starting", StringComparison.Ordinal));

            File.WriteAllText(files.AgentYaml, File.ReadAllText(files.AgentYaml).Replace("high_ratio: 0.85", "high_ratio: 0.8", StringComparison.Ordinal));
            Signal(agent.Id, "HUP");
            var applied = await LineAsync("reload: applied");
            await ReceiveUntilAsync(socket, received, m => m == "READY=1");

            Assert.Contains("reload: applied 1 change(s): disk.high_ratio: 0.85 -> 0.8", applied, StringComparison.Ordinal);
            Assert.Contains("RELOADING=1", received);
            // The host it replaced stopped without telling systemd the service stops.
            Assert.DoesNotContain("STOPPING=1", received);
            await ReceiveUntilAsync(socket, received, m => m.StartsWith("STATUS=", StringComparison.Ordinal) && !m.StartsWith("STATUS=Starting", StringComparison.Ordinal));

            var line = File.ReadAllLines(files.AgentYaml).ToList().FindIndex(l => l.Contains("high_ratio", StringComparison.Ordinal)) + 1;
            File.WriteAllText(files.AgentYaml, File.ReadAllText(files.AgentYaml).Replace("high_ratio: 0.8", "high_ratio: 1.5", StringComparison.Ordinal));
            Signal(agent.Id, "HUP");
            var kept = await LineAsync("reload: kept");

            Assert.Contains($"reload: kept the running configuration: {files.AgentYaml}:{line.ToString(CultureInfo.InvariantCulture)}: disk.high_ratio: must be between 0 and 1 (got 1.5)", kept, StringComparison.Ordinal);
            Assert.False(agent.HasExited);
            Assert.Single(_output, l => l.Contains("reload: applied", StringComparison.Ordinal));

            Signal(agent.Id, "TERM");
            await ReceiveUntilAsync(socket, received, m => m == "STOPPING=1");
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await agent.WaitForExitAsync(exited.Token);
            Assert.Equal(0, agent.ExitCode);
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill();
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Process StartAgent(string socketPath, string config)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "kafka-agent"), ["run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task<string> LineAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no line with '{text}' within 60 s; output:\n{string.Join('\n', _output)}");
            }
        }
    }

    private static async Task ReceiveUntilAsync(Socket socket, List<string> received, Func<string, bool> done)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, length);
            received.Add(message);
            if (done(message))
            {
                return;
            }
        }
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, processId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
