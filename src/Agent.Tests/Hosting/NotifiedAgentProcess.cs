using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace KafkaAgent.Tests.Hosting;

/// <summary>
/// The real <c>kafka-agent run</c> process under a notify socket the test owns, as systemd runs a Type=notify unit:
/// what it sent on the socket, what it wrote to stdout and stderr, and the signals systemd would send it.
/// </summary>
internal sealed class NotifiedAgentProcess : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly Socket _socket;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NotifiedAgentProcess(string config, long? watchdogUsec)
    {
        _directory = Directory.CreateTempSubdirectory("kafka-agent-notify-").FullName;
        var socketPath = Path.Combine(_directory, "notify");
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "kafka-agent"), ["run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        if (watchdogUsec is { } usec)
        {
            info.Environment["WATCHDOG_USEC"] = usec.ToString(CultureInfo.InvariantCulture);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Every message received on the notify socket so far, in order.</summary>
    public List<string> Received { get; } = [];

    /// <summary>Every line the agent wrote to stdout or stderr so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public static NotifiedAgentProcess Start(string config, long? watchdogUsec = null) => new(config, watchdogUsec);

    /// <summary>Receives notify messages until one satisfies <paramref name="done"/>.</summary>
    public async Task ReceiveUntilAsync(Func<string, bool> done)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, length);
            Received.Add(message);
            if (done(message))
            {
                return;
            }
        }
    }

    /// <summary>Receives notify messages until a cycle's status (not "Starting") arrives.</summary>
    public Task ReceiveCycleStatusAsync() =>
        ReceiveUntilAsync(m => m.StartsWith("STATUS=", StringComparison.Ordinal) && !m.StartsWith("STATUS=Starting", StringComparison.Ordinal));

    /// <summary>The first output line containing <paramref name="text"/>, waiting for it.</summary>
    public async Task<string> LineAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Wait);
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
                Assert.Fail($"no line with '{text}' within {Wait.TotalSeconds} s; output:\n{string.Join('\n', _output)}");
            }
        }
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Sends SIGTERM as <c>systemctl stop</c> does, waits for STOPPING=1 and the exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Signal("TERM");
        await ReceiveUntilAsync(m => m == "STOPPING=1");
        using var exited = new CancellationTokenSource(Wait);
        await _process.WaitForExitAsync(exited.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
        _socket.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
