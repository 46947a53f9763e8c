using System.Text.Json;

namespace KafkaAgent.Tests.Support;

/// <summary>
/// A sandbox (scripts/sandbox: broker stand-ins, Debian's ZooKeeper, real faults) in its own directory, and
/// the real kafka-agent binary run against one of its hosts. Torn down on dispose.
/// </summary>
internal sealed class SandboxHost : IDisposable
{
    private SandboxHost(string directory) => Directory = directory;

    public string Directory { get; }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BrokerAgent.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("repository root (BrokerAgent.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    public static SandboxHost Up(int brokers)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("kafka-agent-sbx-").FullName;
        // The broker stand-in runs as user kafka, which must reach its files below this directory.
        Shell.Run("chmod", "755", directory);
        var sandbox = new SandboxHost(directory);
        try
        {
            sandbox.Run("up", "--brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return sandbox;
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    public string HostDir(int host) => Path.Combine(Directory, $"host-{host}");

    public string Run(params string[] arguments) =>
        Shell.Run(Path.Combine(RepositoryRoot, "scripts", "sandbox"), [.. arguments, "--dir", Directory]);

    public string Fault(string name, int host, params string[] arguments) => Run(["fault", name, "--host", host.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments]);

    /// <summary>agent.yaml for host N as an operator would write it on that host: paths only, the rest discovered.</summary>
    public string AgentYaml(int host, string extra = "")
    {
        var dir = HostDir(host);
        var path = Path.Combine(dir, "agent.yaml");
        File.WriteAllText(path, $"""
            kafka:
              server_properties: {dir}/etc/server.properties
              api_timeout_seconds: 3
              service:
                manager: pidfile
                pid_file: {dir}/run/kafka.pid
                # The stand-in runs as "dotnet .../kafka-sandbox.dll broker ...", not as kafka.Kafka.
                command_match: kafka-sandbox.dll broker
            zookeeper:
              properties: {dir}/etc/zoo.cfg
              # The shipped default: 2 s was too short for a session on a loaded CI host (a healthy sandbox read
              # zk.ensemble_unreachable).
              timeout_seconds: 3
            metrics:
              enabled: false
            state_dir: {dir}/state
            {extra}
            """);
        return path;
    }

    /// <summary>Runs `kafka-agent check --json` against host N; returns the exit code and the finding ids.</summary>
    public (int Exit, string[] Findings, string Output) Check(int host, string extra = "")
    {
        var agent = Path.Combine(AppContext.BaseDirectory, "kafka-agent");
        var (exit, output) = Shell.RunAllowingFailure(agent, "check", "--json", "--config", AgentYaml(host, extra));
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("checks").EnumerateArray()
            .SelectMany(c => c.GetProperty("findings").EnumerateArray())
            .Select(f => f.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(exit, json.RootElement.GetProperty("exit_code").GetInt32());
        return (exit, findings, output);
    }

    /// <summary>
    /// Checks until <paramref name="done"/> holds or 60 s pass (then returns the last result): a SIGKILLed broker stays
    /// in /brokers/ids until its ZooKeeper session expires (zookeeper.session.timeout.ms), exactly as a real one.
    /// </summary>
    public (int Exit, string[] Findings, string Output) CheckUntil(int host, Func<string[], bool> done)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            var result = Check(host);
            if (done(result.Findings) || Environment.TickCount64 > deadline)
            {
                return result;
            }

            Thread.Sleep(1000);
        }
    }

    public void Dispose()
    {
        try
        {
            Run("down");
        }
        catch (InvalidOperationException)
        {
            // down is best effort here; the sandbox's own cleanup reaps what it started.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
