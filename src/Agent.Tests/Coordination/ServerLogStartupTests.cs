using KafkaAgent.Coordination;

namespace KafkaAgent.Tests.Coordination;

/// <summary>server.log samples in Kafka 2.8's log4j layout and wording.</summary>
public sealed class ServerLogStartupTests : IDisposable
{
    private const string PreviousRun = """
        [2026-11-27 09:00:00,101] INFO starting (kafka.server.KafkaServer)
        [2026-11-27 09:00:00,102] INFO Connecting to zookeeper on 127.0.0.1:2181/kafka (kafka.server.KafkaServer)
        [2026-11-27 09:00:01,200] INFO Loading logs from log dirs ArraySeq(/var/kafka) (kafka.log.LogManager)
        [2026-11-27 09:00:01,900] INFO Logs loading complete in 700 ms. (kafka.log.LogManager)
        [2026-11-27 09:00:02,500] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)
        [2026-11-27 10:00:00,000] INFO [KafkaServer id=1] shutting down (kafka.server.KafkaServer)
        """;

    private const string Start = """
        [2026-11-27 10:05:00,001] INFO Registered kafka:type=kafka.Log4jController MBean (kafka.utils.Log4jControllerRegistration$)
        [2026-11-27 10:05:00,300] INFO starting (kafka.server.KafkaServer)
        [2026-11-27 10:05:00,310] INFO Connecting to zookeeper on 127.0.0.1:2181/kafka (kafka.server.KafkaServer)
        [2026-11-27 10:05:00,800] INFO Cluster ID = lx6Ma3uAQl-LuKmHWzwSJw (kafka.server.KafkaServer)
        """;

    private const string Loading = """
        [2026-11-27 10:05:01,000] INFO Loading logs from log dirs ArraySeq(/var/kafka) (kafka.log.LogManager)
        [2026-11-27 10:05:01,010] INFO Attempting recovery for all logs in /var/kafka since no clean shutdown file was found (kafka.log.LogManager)
        """;

    private const string Loaded = """
        [2026-11-27 10:09:41,000] INFO Logs loading complete in 280000 ms. (kafka.log.LogManager)
        [2026-11-27 10:09:41,500] INFO Starting log cleanup with a period of 300000 ms. (kafka.log.LogManager)
        """;

    private const string Started = """
        [2026-11-27 10:09:43,000] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)
        """;

    private const string Fatal = """
        [2026-11-27 10:05:02,000] ERROR Fatal error during KafkaServer startup. Prepare to shutdown (kafka.server.KafkaServer)
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("kafka-agent-serverlog-").FullName;

    private static string[] Lines(params string[] parts) => string.Join('\n', parts).Split('\n');

    [Theory]
    [InlineData("", "Started", false)] // the previous run's start is the last one
    [InlineData("start", "Starting", false)]
    [InlineData("start,loading", "LoadingLogs", true)]
    [InlineData("start,loading,loaded", "LogsLoaded", true)]
    [InlineData("start,loading,loaded,started", "Started", false)]
    [InlineData("start,fatal", "Failed", false)]
    public void Evaluate_AfterACompletedRun_PhaseOfTheLastStart(string parts, string phase, bool recovery)
    {
        var map = new Dictionary<string, string> { ["start"] = Start, ["loading"] = Loading, ["loaded"] = Loaded, ["started"] = Started, ["fatal"] = Fatal };
        var lines = Lines([PreviousRun, .. parts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => map[p])]);

        var startup = ServerLogStartup.Evaluate(lines);

        Assert.Equal(Enum.Parse<BrokerStartupPhase>(phase), startup.Phase);
        Assert.Equal(recovery, startup.InRecovery);
    }

    [Fact]
    public void Evaluate_NoStartInLines_Unknown()
    {
        var startup = ServerLogStartup.Evaluate(Lines(Loading));

        Assert.Equal(BrokerStartupPhase.Unknown, startup.Phase);
        Assert.False(startup.InRecovery);
    }

    [Fact]
    public void Evaluate_IdPrefixedStarting_Recognised()
    {
        var startup = ServerLogStartup.Evaluate(Lines("[2026-11-27 10:05:00,300] INFO [KafkaServer id=3] starting (kafka.server.KafkaServer)", Loading));

        Assert.Equal(BrokerStartupPhase.LoadingLogs, startup.Phase);
        Assert.Contains("Loading logs from log dirs", startup.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StartInRotatedFileLoadingGoesOn_InRecovery()
    {
        File.WriteAllText(Path.Combine(_dir, "server.log.2026-11-27-09"), PreviousRun + "\n");
        File.WriteAllText(Path.Combine(_dir, "server.log.2026-11-27-10"), Start + "\n" + Loading + "\n");
        File.WriteAllText(Path.Combine(_dir, "server.log"), "[2026-11-27 11:00:00,000] INFO Recovering unflushed segment 0 in log orders-0 (kafka.log.Log)\n");

        var startup = ServerLogStartup.Read(_dir);

        Assert.Equal(BrokerStartupPhase.LoadingLogs, startup.Phase);
        Assert.True(startup.InRecovery);
    }

    [Fact]
    public void Read_LargeLog_OnlyTheTailIsRead()
    {
        var filler = string.Concat(Enumerable.Repeat("[2026-11-27 10:05:00,500] INFO filler line of some length to push the start out of the tail (kafka.log.Log)\n", 200));
        File.WriteAllText(Path.Combine(_dir, "server.log"), Start + "\n" + Loading + "\n" + filler);

        Assert.Equal(BrokerStartupPhase.LoadingLogs, ServerLogStartup.Read(_dir).Phase);
        Assert.Equal(BrokerStartupPhase.Unknown, ServerLogStartup.Read(_dir, maxBytes: 4096).Phase);
        Assert.All(ServerLogStartup.Tail(Path.Combine(_dir, "server.log"), 4096), l => Assert.StartsWith("[2026", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NoLogDir_Unknown()
    {
        Assert.Equal(BrokerStartupPhase.Unknown, ServerLogStartup.Read(Path.Combine(_dir, "missing")).Phase);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
