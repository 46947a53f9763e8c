using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace KafkaAgent.Tests.Hosting;

/// <summary>
/// Runs the real <c>kafka-agent run</c> process against a notify socket the test owns, as systemd would for a
/// Type=notify unit, and checks the sd_notify conversation end to end.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RunCommandNotifyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kafka-agent-notify-").FullName;

    [Fact]
    public async Task Run_UnderNotifySocket_SendsReadyStatusWatchdogThenStoppingOnSigterm()
    {
        var socketPath = Path.Combine(_directory, "notify");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        using var files = new Support.HostFiles().WithServer().WithAgentYaml(zookeeperProperties: false);
        using var agent = StartAgent(socketPath, watchdogUsec: 1_000_000, files.AgentYaml);
        try
        {
            var received = new List<string>();
            await ReceiveUntilAsync(socket, received, m => m == "READY=1");
            await ReceiveUntilAsync(socket, received, m => m.StartsWith("STATUS=", StringComparison.Ordinal) && !m.StartsWith("STATUS=Starting", StringComparison.Ordinal));
            await ReceiveUntilAsync(socket, received, m => m == "WATCHDOG=1");

            Signal(agent.Id, "TERM");
            await ReceiveUntilAsync(socket, received, m => m == "STOPPING=1");
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await agent.WaitForExitAsync(exited.Token);

            Assert.Equal(0, agent.ExitCode);
            Assert.True(received.IndexOf("READY=1") < received.IndexOf("STOPPING=1"));
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

    private static Process StartAgent(string socketPath, long watchdogUsec, string config)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "kafka-agent"), ["run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        info.Environment["WATCHDOG_USEC"] = watchdogUsec.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task ReceiveUntilAsync(Socket socket, List<string> received, Func<string, bool> done)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
        using var kill = Process.Start("kill", ["-" + signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
