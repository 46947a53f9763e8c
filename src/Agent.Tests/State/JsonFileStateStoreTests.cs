using KafkaAgent.State;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.State;

public sealed class JsonFileStateStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("kafka-agent-state-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private readonly FakeLogger<JsonFileStateStore> _logger = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private JsonFileStateStore Store() => new(_dir, _time, _logger);

    private string StatePath => Path.Combine(_dir, JsonFileStateStore.FileName);

    [Fact]
    public void Load_NoFile_FreshStateWithNothingHeld()
    {
        var state = Store().Load();

        Assert.Empty(state.Circuits);
        Assert.Null(state.Pause);
        Assert.Null(state.DisruptiveHeldReason);
    }

    [Fact]
    public void Update_ThenLoadInANewStore_RoundTripsEveryField()
    {
        Store().Update(s => s.Paused(T0, TimeSpan.FromMinutes(30), "upgrade")
            .WithAttempt("start_kafka", T0, TimeSpan.FromHours(1))
            .WithCircuitOpen("restart_kafka", T0, "3 attempts failed")
            .WithFindingsSeen(["kafka.down (kafka)"], T0)
            .WithRecord(new ActionRecord("start_kafka", T0, "failure", "kafka: exit 1")));

        var state = Store().Load();

        Assert.Equal("upgrade", state.Pause!.Reason);
        Assert.Equal(T0 + TimeSpan.FromMinutes(30), state.Pause.Until);
        Assert.Equal([T0], state.Attempts["start_kafka"]);
        Assert.Equal("3 attempts failed", state.Circuits["restart_kafka"].Reason);
        Assert.Equal(T0, state.FindingsFirstSeen["kafka.down (kafka)"]);
        Assert.Equal("kafka: exit 1", Assert.Single(state.LastActions).Detail);
    }

    [Fact]
    public void Update_TempFileLeftByACrashBeforeRename_IsIgnoredAndReplaced()
    {
        Store().Update(s => s.Paused(T0, TimeSpan.FromHours(1), "first"));
        // What a writer that died between write and rename leaves behind: a half-written temporary file.
        File.WriteAllText(Path.Combine(_dir, JsonFileStateStore.TempName), "{\"version\": 1, \"pause\": {\"reas");

        var loaded = Store().Load();
        Store().Update(s => s.Paused(T0, TimeSpan.FromHours(1), "second"));

        Assert.Equal("first", loaded.Pause!.Reason);
        Assert.Equal("second", Store().Load().Pause!.Reason);
        Assert.False(File.Exists(Path.Combine(_dir, JsonFileStateStore.TempName)));
    }

    [Fact]
    public void Load_CorruptFile_SetAsideHeldInObserveAndOneErrorLine()
    {
        File.WriteAllText(StatePath, "{ not json");

        var state = Store().Load();

        Assert.NotNull(state.DisruptiveHeldReason);
        Assert.Empty(state.Circuits);
        var kept = Path.Combine(_dir, "state.json.corrupt-20261127T120000Z");
        Assert.Equal("{ not json", File.ReadAllText(kept));
        var error = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(6000, error.Id.Id);
        Assert.Contains(kept, error.Message, StringComparison.Ordinal);
        // The hold is persisted: a restart does not lift it, only reset does.
        Assert.NotNull(Store().Load().DisruptiveHeldReason);
        Assert.Null(Store().Update(s => s.Reset(null)).DisruptiveHeldReason);
    }

    [Fact]
    public void Update_SymlinkPlantedAtTheTempPath_NeverWritesThroughIt()
    {
        var victim = Path.Combine(_dir, "victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(Path.Combine(_dir, JsonFileStateStore.TempName), victim);

        Store().Update(s => s.Paused(T0, TimeSpan.FromHours(1), "maintenance"));

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(StatePath).LinkTarget);
        Assert.Equal("maintenance", Store().Load().Pause!.Reason);
    }

    [Fact]
    public void Load_StateFileIsASymlink_NotFollowedAndSetAside()
    {
        var victim = Path.Combine(_dir, "elsewhere.json");
        File.WriteAllText(victim, "{\"version\": 1}");
        File.CreateSymbolicLink(StatePath, victim);

        var state = Store().Load();

        Assert.NotNull(state.DisruptiveHeldReason);
        Assert.Equal("{\"version\": 1}", File.ReadAllText(victim));
    }

    [Fact]
    public async Task Update_TwoStoresWritingAtOnce_NoChangeLost()
    {
        const int perWriter = 40;
        var a = Store();
        var b = Store();

        await Task.WhenAll(
            Task.Run(() => Write(a, "a")),
            Task.Run(() => Write(b, "b")));

        var state = Store().Load();
        Assert.Equal(perWriter, state.Attempts["a"].Count);
        Assert.Equal(perWriter, state.Attempts["b"].Count);

        static void Write(JsonFileStateStore store, string action)
        {
            for (var i = 0; i < perWriter; i++)
            {
                var at = T0 + TimeSpan.FromSeconds(i);
                store.Update(s => s.WithAttempt(action, at, TimeSpan.FromDays(1)));
            }
        }
    }
}
