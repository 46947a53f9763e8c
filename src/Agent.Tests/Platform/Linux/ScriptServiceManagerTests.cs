using System.Globalization;
using KafkaAgent.Configuration;
using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Platform.Linux;

/// <summary>
/// Real processes: a start script shaped like kafka-server-start.sh -daemon whose daemon's command line holds
/// kafka.Kafka (as the real broker's java command line does), a pidfile, real signals.
/// </summary>
public sealed class ScriptServiceManagerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("script-service-").FullName;
    private readonly ProcFs _proc = new();
    private readonly List<int> _started = [];

    private string PidFile => Path.Combine(_dir, "kafka.pid");

    private string Config => Path.Combine(_dir, "server.properties");

    /// <summary>
    /// kafka.Kafka and this test's own config path, as the daemon's command line holds them: other test classes run
    /// kafka.Kafka look-alikes at the same time, and a bare "kafka.Kafka" would find theirs.
    /// </summary>
    private string CommandMatch => "kafka.Kafka " + Config;

    /// <param name="onTerm">What the daemon does on SIGTERM: exit 143 like Java, or "" to ignore it.</param>
    private string WriteStartScript(string onTerm = "exit 143")
    {
        var script = Path.Combine(_dir, "kafka-server-start.sh");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            [ "$1" = -daemon ] && shift
            echo "$@" > {{_dir}}/args
            nohup setsid sh -c 'trap "{{onTerm}}" TERM; touch {{_dir}}/trapped; while :; do sleep 0.1; done' kafka.Kafka "$1" >/dev/null 2>&1 </dev/null &
            echo $! > {{PidFile}}
            echo started
            """);
        Shell.Run("chmod", "755", script);
        File.WriteAllText(Config, "broker.id=1\n");
        return script;
    }

    /// <param name="agentUid">The agent's effective uid; Kafka's user is 4242 ("kafka"), or the agent's own when <paramref name="sameUser"/>.</param>
    private ScriptServiceManager Manager(string? pidFile, string startScript, IProcessRunner? runner = null, bool underSystemd = false, uint agentUid = 0, bool sameUser = true) =>
        new(new ServiceSettings("kafka", pidFile is null ? ServiceManagerKind.Script : ServiceManagerKind.PidFile, pidFile,
                TimeSpan.FromSeconds(120), CommandMatch, new ServiceScripts(startScript, Config, "kafka", "kafka", sameUser ? agentUid : 4242, sameUser ? agentUid : 4242)),
            runner ?? new ProcessRunner(), _proc, TimeProvider.System, underSystemd, agentUid);

    /// <summary>
    /// The start script returns once it has forked the daemon (nohup, setsid, sh exec in turn), as Kafka's does; the
    /// status is read until it is Running, for at most 10 s, as the agent's verification does after a start.
    /// </summary>
    private async Task<ServiceStatus> RunningAsync(ScriptServiceManager manager)
    {
        // Until the daemon's own shell runs (it touches "trapped"), its pid is mid-exec (nohup, setsid, sh) and
        // /proc/PID/cmdline can read empty for an instant.
        for (var i = 0; i < 100 && !File.Exists(Path.Combine(_dir, "trapped")); i++)
        {
            await Task.Delay(100);
        }

        var status = await manager.GetStatusAsync("kafka", CancellationToken.None);
        for (var i = 0; i < 100 && status.State != ServiceState.Running; i++)
        {
            await Task.Delay(100);
            status = await manager.GetStatusAsync("kafka", CancellationToken.None);
        }

        return status;
    }

    private int StartUnrelated()
    {
        using var p = System.Diagnostics.Process.Start("sleep", "300");
        _started.Add(p.Id);
        return p.Id;
    }

    [Fact]
    public async Task GetStatusAsync_PidfileNamesAnotherProcess_DownNotRunning()
    {
        var other = StartUnrelated();
        File.WriteAllText(PidFile, other.ToString(CultureInfo.InvariantCulture));

        var status = await Manager(PidFile, WriteStartScript(), agentUid: 4242).GetStatusAsync("kafka", CancellationToken.None);

        Assert.Equal(ServiceState.Down, status.State);
        Assert.Null(status.MainPid);
        Assert.Contains("another process", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_PidfileNamesAnotherProcess_NeverSignalled()
    {
        var other = StartUnrelated();
        File.WriteAllText(PidFile, other.ToString(CultureInfo.InvariantCulture));

        var result = await Manager(PidFile, WriteStartScript(), agentUid: 4242).StopAsync("kafka", TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Contains("not running", result.Detail, StringComparison.Ordinal);
        Assert.Equal('S', _proc.State(other));
    }

    [Fact]
    public async Task StartThenStop_RealDaemon_StartedWithDaemonFlagAndStoppedBySigterm()
    {
        var manager = Manager(PidFile, WriteStartScript());

        var start = await manager.StartAsync("kafka", CancellationToken.None);
        var running = await RunningAsync(manager);
        _started.Add(running.MainPid ?? 0);

        Assert.True(start.Succeeded, start.Detail);
        Assert.Contains("exit 0: started", start.Detail, StringComparison.Ordinal);
        Assert.Equal(Config, File.ReadAllText(Path.Combine(_dir, "args")).Trim()); // -daemon was consumed by the script
        Assert.Equal(ServiceState.Running, running.State);

        var again = await manager.StartAsync("kafka", CancellationToken.None);
        Assert.Contains("already running", again.Detail, StringComparison.Ordinal);

        var stop = await manager.StopAsync("kafka", TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.True(stop.Succeeded, stop.Detail);
        Assert.Contains("stopped on SIGTERM", stop.Detail, StringComparison.Ordinal);
        Assert.False(_proc.IsAlive(running.MainPid!.Value));
        Assert.False(File.Exists(PidFile));
        Assert.Equal(ServiceState.StoppedByOperator, (await manager.GetStatusAsync("kafka", CancellationToken.None)).State);
    }

    [Fact]
    public async Task StopAsync_DaemonIgnoresSigterm_KilledAfterStopTimeout()
    {
        var manager = Manager(PidFile, WriteStartScript(onTerm: ""));
        Assert.True((await manager.StartAsync("kafka", CancellationToken.None)).Succeeded);
        var pid = (await manager.GetStatusAsync("kafka", CancellationToken.None)).MainPid!.Value;
        _started.Add(pid);
        for (var i = 0; i < 600 && !File.Exists(Path.Combine(_dir, "trapped")); i++)
        {
            await Task.Delay(50); // until the daemon ignores SIGTERM: before that, SIGTERM would end it
        }

        var stop = await manager.StopAsync("kafka", TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(stop.Succeeded, stop.Detail);
        Assert.Contains("sent SIGKILL", stop.Detail, StringComparison.Ordinal);
        Assert.False(_proc.IsAlive(pid));
    }

    [Fact]
    public async Task GetStatusAsync_ScriptKindWithoutPidfile_FoundByCommandLine()
    {
        var manager = Manager(null, WriteStartScript());
        Assert.Equal(ServiceState.Down, (await manager.GetStatusAsync("kafka", CancellationToken.None)).State);
        Assert.True((await manager.StartAsync("kafka", CancellationToken.None)).Succeeded);
        var pid = int.Parse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture);
        _started.Add(pid);

        var status = await RunningAsync(manager);

        Assert.Equal(ServiceState.Running, status.State);
        Assert.Equal(pid, status.MainPid);
        Assert.Equal("script", manager.Kind);
    }

    [Fact]
    public async Task StartAsync_UnderSystemd_TransientUnitAsKafkaNeverDaemonChild()
    {
        var runner = new FakeProcessRunner();
        var script = WriteStartScript();

        var result = await Manager(PidFile, script, runner, underSystemd: true).StartAsync("kafka", CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        var command = runner.Commands.Single();
        Assert.StartsWith("systemd-run --unit=kafka-agent-kafka.service --collect", command, StringComparison.Ordinal);
        Assert.Contains("--property=User=kafka", command, StringComparison.Ordinal);
        Assert.Contains("--property=TimeoutStopSec=120", command, StringComparison.Ordinal);
        Assert.EndsWith($"{script} {Config}", command, StringComparison.Ordinal);
        Assert.DoesNotContain("-daemon", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AgentIsRootKafkaIsNot_RunAsKafkaThroughSetpriv()
    {
        var runner = new FakeProcessRunner();
        var script = WriteStartScript();

        await Manager(PidFile, script, runner, agentUid: 0, sameUser: false).StartAsync("kafka", CancellationToken.None);

        Assert.Equal($"setpriv --reuid=kafka --regid=kafka --init-groups -- {script} -daemon {Config}", runner.Commands.Single());
    }

    [Fact]
    public async Task StartAsync_ScriptMissing_FailsNamingIt()
    {
        var result = await Manager(PidFile, Path.Combine(_dir, "absent.sh")).StartAsync("kafka", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("absent.sh", result.Detail, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var pid in _started.Where(p => p > 0))
        {
            _ = LibC.Kill(pid, LibC.SigKill);
        }

        Directory.Delete(_dir, recursive: true);
    }
}
