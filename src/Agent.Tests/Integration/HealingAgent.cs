using System.Diagnostics;
using System.Globalization;
using System.Text;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// A sandbox (one broker unless told) with the real `kafka-agent run` on host 1 in heal mode, shared by a test class:
/// each test injects a runbook fault with `scripts/sandbox fault` and watches the agent put it right on its own.
/// </summary>
public sealed class HealingAgent : IDisposable
{
    private readonly StringBuilder _log = new();
    private readonly Process _agent;

    public HealingAgent()
        : this(brokers: 1, """
            interval_seconds: 2
            heal:
              grace_seconds:
                restart_kafka: 5
                restart_zookeeper: 8
              verify_timeout_seconds: 25

            """)
    {
    }

    /// <param name="settings">agent.yaml keys appended to the host's own (sections the host file does not have).</param>
    internal HealingAgent(int brokers, string settings)
    {
        Sandbox = SandboxHost.Up(brokers);
        // The host's own agent.yaml (as `scripts/sandbox up` writes it), with a short interval, graces and verification
        // bound so the hysteresis and a permanently failing start's circuit are seen within a test; Metadata is asked
        // every cycle so a hung listener is seen at once. Everything else is the shipped default (mode heal, budget
        // of 3 attempts, circuits, stop timeouts).
        ConfigPath = Path.Combine(Sandbox.HostDir(1), "agent.yaml");
        File.WriteAllText(ConfigPath, File.ReadAllText(ConfigPath).Replace("\nkafka:\n", "\nkafka:\n  api_interval_seconds: 0\n", StringComparison.Ordinal));
        File.AppendAllText(ConfigPath, settings);
        MetricsPort = int.Parse(File.ReadAllLines(ConfigPath).Select(l => l.Trim())
            .Last(l => l.StartsWith("port:", StringComparison.Ordinal))["port:".Length..].Trim(), CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(AgentBinary, ["run", "--config", ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        _agent = Process.Start(start)!;
        _agent.OutputDataReceived += (_, e) => Append(e.Data);
        _agent.ErrorDataReceived += (_, e) => Append(e.Data);
        _agent.BeginOutputReadLine();
        _agent.BeginErrorReadLine();
        WaitHealthy(TimeSpan.FromSeconds(60));
    }

    internal SandboxHost Sandbox { get; }

    public string ConfigPath { get; }

    public int MetricsPort { get; }

    public static string AgentBinary => Path.Combine(AppContext.BaseDirectory, "kafka-agent");

    /// <summary>Everything the agent logged so far (journal-style text).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public int LogLength => Log.Length;

    public string LogSince(int offset) => Log[offset..];

    public (int Exit, string Output) Cli(params string[] arguments) =>
        Shell.RunAllowingFailure(AgentBinary, [.. arguments, "--config", ConfigPath]);

    /// <summary>`check` until it exits 0 (OK), or the bound passes; returns the last output.</summary>
    public (bool Healthy, string Output) WaitHealthy(TimeSpan bound)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (exit, output) = Cli("check");
            if (exit == 0 || deadline.Elapsed > bound)
            {
                return (exit == 0, output);
            }

            Thread.Sleep(500);
        }
    }

    public string Scrape()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return http.GetStringAsync(new Uri($"http://127.0.0.1:{MetricsPort}/metrics")).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_agent.HasExited)
        {
            _ = Support.Shell.RunAllowingFailure("kill", "-TERM", _agent.Id.ToString(CultureInfo.InvariantCulture));
            if (!_agent.WaitForExit(15_000))
            {
                _agent.Kill();
            }
        }

        _agent.Dispose();
        Sandbox.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
