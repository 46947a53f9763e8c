using KafkaAgent.ZooKeeper.FourLetterWords;

namespace KafkaAgent.ZooKeeper.Tests.FourLetterWords;

public sealed class ReplyParserTests
{
    private const string LeaderSrvr = """
        Zookeeper version: 3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC
        Latency min/avg/max: 1/2.5/40
        Received: 120
        Sent: 119
        Connections: 3
        Outstanding: 0
        Zxid: 0x10000002a
        Mode: leader
        Node count: 12
        Proposal sizes last/min/max: 36/36/92

        """;

    [Fact]
    public void SrvrParse_LeaderAnswer_ReadsEveryField()
    {
        var reply = SrvrReply.Parse(LeaderSrvr);

        Assert.Equal(ZooKeeperServerMode.Leader, reply.Mode);
        Assert.Equal("leader", reply.ModeText);
        Assert.Equal(0x10000002aL, reply.Zxid);
        Assert.Equal(12, reply.NodeCount);
        Assert.Equal(3, reply.Connections);
        Assert.Equal((1, 2.5, 40), (reply.LatencyMin, reply.LatencyAverage, reply.LatencyMax));
        Assert.StartsWith("3.8.0", reply.Version, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("standalone", ZooKeeperServerMode.Standalone)]
    [InlineData("follower", ZooKeeperServerMode.Follower)]
    [InlineData("observer", ZooKeeperServerMode.Observer)]
    [InlineData("read-only", ZooKeeperServerMode.ReadOnly)]
    [InlineData("something-new", ZooKeeperServerMode.Unknown)]
    public void SrvrParse_Mode_MapsToEnum(string mode, ZooKeeperServerMode expected) =>
        Assert.Equal(expected, SrvrReply.Parse(LeaderSrvr.Replace("Mode: leader", "Mode: " + mode, StringComparison.Ordinal)).Mode);

    [Theory]
    [InlineData("This ZooKeeper instance is not currently serving requests\n")]
    [InlineData("")]
    [InlineData("Zookeeper version: x\nMode: leader\nZxid: 42\nNode count: 1\n")]
    public void SrvrParse_NoUsableAnswer_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => SrvrReply.Parse(text));

    [Fact]
    public void MntrParse_TabSeparatedLines_TypedAccessorsAndRawValues()
    {
        var reply = MntrReply.Parse("zk_version\t3.8.0, built on x\nzk_server_state\tfollower\nzk_avg_latency\t0.25\nzk_znode_count\t5\n"
            + "zk_outstanding_requests\t0\nzk_synced_followers\t2\nzk_custom\tabc\n");

        Assert.Equal(ZooKeeperServerMode.Follower, reply.ServerState);
        Assert.Equal("3.8.0, built on x", reply.Version);
        Assert.Equal(0.25, reply.AverageLatency);
        Assert.Equal(5, reply.ZnodeCount);
        Assert.Equal(0, reply.OutstandingRequests);
        Assert.Equal(2, reply.SyncedFollowers);
        Assert.Null(reply.Followers);
        Assert.Equal("abc", reply.Values["zk_custom"]);
        Assert.Null(reply.GetInt64("zk_custom"));
    }

    [Fact]
    public void MntrParse_NotServing_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => MntrReply.Parse("This ZooKeeper instance is not currently serving requests\n"));

    [Fact]
    public void ConfParse_EnsembleAnswer_ReadsKeysAndServers()
    {
        var reply = ConfReply.Parse("""
            clientPort=2181
            dataDir=/var/lib/zookeeper/version-2
            tickTime=2000
            maxClientCnxns=60
            minSessionTimeout=4000
            maxSessionTimeout=40000
            serverId=2
            initLimit=10
            syncLimit=5
            membership:
            server.1=10.0.0.1:2888:3888:participant;0.0.0.0:2181
            server.2=10.0.0.2:2888:3888:participant;0.0.0.0:2181
            version=0
            """);

        Assert.Equal(2181, reply.ClientPort);
        Assert.Equal(2000, reply.TickTime);
        Assert.Equal((4000L, 40000L), (reply.MinSessionTimeout!.Value, reply.MaxSessionTimeout!.Value));
        Assert.Equal(2, reply.ServerId);
        Assert.Equal(10, reply.InitLimit);
        Assert.Equal("/var/lib/zookeeper/version-2", reply.DataDirectory);
        Assert.Equal([1, 2], reply.Servers.Keys.Order());
        Assert.Equal("10.0.0.2:2888:3888:participant;0.0.0.0:2181", reply.Servers[2]);
    }

    [Fact]
    public void ConfParse_NoClientPort_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => ConfReply.Parse("conf is not executed because it is not in the whitelist.\n"));

    [Theory]
    [InlineData("imok", true)]
    [InlineData("imok\n", true)]
    [InlineData("", false)]
    [InlineData("ruok is not executed because it is not in the whitelist.\n", false)]
    public void RuokParse_Answer_IsOkOnlyForImok(string text, bool expected) => Assert.Equal(expected, RuokReply.Parse(text).IsOk);

    [Theory]
    [InlineData("rw", false)]
    [InlineData("ro", true)]
    public void IsroParse_Answer_ReadOnlyFlag(string text, bool expected) => Assert.Equal(expected, IsroReply.Parse(text).IsReadOnly);

    [Fact]
    public void IsroParse_Null_ThrowsFormatException() => Assert.Throws<FormatException>(() => IsroReply.Parse("null"));

    [Fact]
    public void Reply_WhitelistRefusal_IsFlaggedNotWhitelisted()
    {
        Assert.True(FourLetterWordReplyFlags("mntr is not executed because it is not in the whitelist.\n").NotWhitelisted);
        Assert.False(FourLetterWordReplyFlags("imok").NotWhitelisted);
        Assert.True(FourLetterWordReplyFlags("This ZooKeeper instance is not currently serving requests\n").NotServing);
    }

    private static FourLetterWordReply FourLetterWordReplyFlags(string text) => FourLetterWordReply.From("test", text);
}
