using KafkaAgent.Cli;
using KafkaAgent.State;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaAgent.Tests.Cli;

public sealed class StateCommandsTests : IDisposable
{
    private readonly HostFiles _host = new();
    private readonly string _stateDir;

    public StateCommandsTests()
    {
        _stateDir = _host.StateDir;
        _host.WithServer().WithZooKeeper().WithAgentYaml();
    }

    public void Dispose() => _host.Dispose();

    private JsonFileStateStore Store => new(_stateDir, TimeProvider.System, NullLogger<JsonFileStateStore>.Instance);

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => AgentCli.InvokeAsync([.. args, "--config", _host.AgentYaml]);

    [Fact]
    public async Task Pause_ForThirtyMinutes_PersistedWithReasonAndExpiry()
    {
        var before = TimeProvider.System.GetUtcNow();

        var (exit, output, _) = await RunAsync("pause", "--for", "30m", "--reason", "kernel upgrade");

        Assert.Equal(0, exit);
        Assert.StartsWith("paused until ", output, StringComparison.Ordinal);
        var pause = Store.Load().Pause!;
        Assert.Equal("kernel upgrade", pause.Reason);
        Assert.InRange(pause.Until - before, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(31));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("30")]
    [InlineData("0m")]
    [InlineData("31d")]
    public async Task Pause_BadDuration_UsageErrorNamingTheOptionAndNothingWritten(string duration)
    {
        var (exit, _, error) = await RunAsync("pause", "--for", duration, "--reason", "x");

        Assert.Equal(StateCommands.UsageExitCode, exit);
        Assert.Contains("--for", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_stateDir, JsonFileStateStore.FileName)));
    }

    [Fact]
    public async Task Resume_AfterPause_PauseGone()
    {
        await RunAsync("pause", "--for", "1h", "--reason", "disk swap");

        var (exit, _, _) = await RunAsync("resume");

        Assert.Equal(0, exit);
        Assert.Null(Store.Load().Pause);
    }

    [Fact]
    public async Task Reset_OneAction_ClosesOnlyThatCircuit()
    {
        var now = TimeProvider.System.GetUtcNow();
        Store.Update(s => s.WithCircuitOpen("start_kafka", now, "3 failures").WithCircuitOpen("fix_ownership", now, "EPERM"));

        var (exit, _, _) = await RunAsync("reset", "start_kafka");

        Assert.Equal(0, exit);
        Assert.Equal(["fix_ownership"], Store.Load().Circuits.Keys);
    }

    [Fact]
    public async Task Reset_UnknownAction_UsageErrorNamingIt()
    {
        var (exit, _, error) = await RunAsync("reset", "start_kafak");

        Assert.Equal(StateCommands.UsageExitCode, exit);
        Assert.Contains("unknown action 'start_kafak'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_ShowsModePauseCircuitsAndLastActions()
    {
        var now = TimeProvider.System.GetUtcNow();
        Store.Update(s => s.Paused(now, TimeSpan.FromHours(1), "maintenance")
            .WithCircuitOpen("start_kafka", now, "3 failures")
            .WithRecord(new ActionRecord("start_kafka", now, "failure", "kafka: exit 1")));

        var (exit, output, _) = await RunAsync("status", "--json");

        Assert.Equal(0, exit);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("heal", root.GetProperty("mode").GetString());
        Assert.Equal("maintenance", root.GetProperty("pause").GetProperty("reason").GetString());
        Assert.True(root.GetProperty("circuits").GetProperty("start_kafka").GetProperty("open").GetBoolean());
        Assert.False(root.GetProperty("circuits").GetProperty("restart_kafka").GetProperty("open").GetBoolean());
        Assert.Equal("failure", root.GetProperty("last_actions")[0].GetProperty("result").GetString());
    }

    [Fact]
    public async Task Status_Text_NothingYet_SaysAllClosedAndNotPaused()
    {
        var (exit, output, _) = await RunAsync("status");

        Assert.Equal(0, exit);
        Assert.Contains("mode: heal\npaused: no\ncircuits: all closed\nlast actions: none\n", output, StringComparison.Ordinal);
    }
}
