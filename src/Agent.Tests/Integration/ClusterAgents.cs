using System.Diagnostics;
using System.Globalization;
using System.Text;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// A three-broker sandbox with the real `kafka-agent run` in heal mode on every host (each with the agent.yaml
/// `scripts/sandbox up` wrote for it, a short interval and grace), shared by one test class.
/// </summary>
public sealed class ClusterAgents : IDisposable
{
    private readonly Dictionary<int, Process> _agents = [];
    private readonly Dictionary<int, StringBuilder> _logs = [];

    public ClusterAgents()
    {
        Sandbox = SandboxHost.Up(brokers: 3);
        try
        {
            foreach (var host in Hosts)
            {
                var config = ConfigPath(host);
                File.AppendAllText(config, """
                    interval_seconds: 2
                    heal:
                      grace_seconds:
                        restart_kafka: 5
                        restart_zookeeper: 5

                    """);
                _logs[host] = new StringBuilder();
                _agents[host] = Start(host, config);
            }

            foreach (var host in Hosts)
            {
                var (healthy, output) = WaitHealthy(host, TimeSpan.FromSeconds(90));
                Assert.True(healthy, $"host-{host} not healthy at start: {output}");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static readonly int[] Hosts = [1, 2, 3];

    internal SandboxHost Sandbox { get; }

    public string ConfigPath(int host) => Path.Combine(Sandbox.HostDir(host), "agent.yaml");

    public string Log(int host)
    {
        lock (_logs[host])
        {
            return _logs[host].ToString();
        }
    }

    public int LogLength(int host) => Log(host).Length;

    public string LogSince(int host, int offset) => Log(host)[offset..];

    public (int Exit, string Output) Cli(int host, params string[] arguments) =>
        Shell.RunAllowingFailure(HealingAgent.AgentBinary, [.. arguments, "--config", ConfigPath(host)]);

    public (bool Healthy, string Output) WaitHealthy(int host, TimeSpan bound)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (exit, output) = Cli(host, "check");
            if (exit == 0 || deadline.Elapsed > bound)
            {
                return (exit == 0, output);
            }

            Thread.Sleep(500);
        }
    }

    public int? BrokerPid(int host)
    {
        var file = Path.Combine(Sandbox.HostDir(host), "run", "kafka.pid");
        try
        {
            return int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Clears the stand-in's fault modes of host N (what `fault broker-normal` writes) without a process start.</summary>
    public void ClearModes(int host) => File.WriteAllText(Path.Combine(Sandbox.HostDir(host), "run", "kafka.control"), "");

    public void Dispose()
    {
        foreach (var (_, agent) in _agents)
        {
            if (!agent.HasExited)
            {
                _ = Shell.RunAllowingFailure("kill", "-TERM", agent.Id.ToString(CultureInfo.InvariantCulture));
                if (!agent.WaitForExit(15_000))
                {
                    agent.Kill();
                }
            }

            agent.Dispose();
        }

        Sandbox.Dispose();
    }

    private Process Start(int host, string config)
    {
        var start = new ProcessStartInfo(HealingAgent.AgentBinary, ["run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(host, e.Data);
        process.ErrorDataReceived += (_, e) => Append(host, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(int host, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logs[host])
        {
            _logs[host].AppendLine(line);
        }
    }
}
