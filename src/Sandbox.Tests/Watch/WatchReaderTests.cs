using System.Text;
using KafkaAgent.Sandbox.Watch;

namespace KafkaAgent.Sandbox.Tests.Watch;

/// <summary>Reading the agents' lock nodes as the watcher sees them.</summary>
public sealed class WatchReaderTests
{
    [Fact]
    public void Parse_AgentLockNode_HostBrokerAndAction()
    {
        var data = Encoding.UTF8.GetBytes("""{"host":"host-2","broker_id":2,"action":"restart_kafka","requested_at_ms":17}""");

        var parsed = WatchReader.Parse("lock-ab-0000000004", 4, data);

        Assert.Equal(new WatchedLock("lock-ab-0000000004", 4, "host-2", 2, "restart_kafka"), parsed);
    }

    [Fact]
    public void Parse_ForeignData_NodeKeptWithoutOwner()
    {
        Assert.Equal(new WatchedLock("x-0000000001", 1, null, null, null), WatchReader.Parse("x-0000000001", 1, "not json"u8));
        Assert.Equal(new WatchedLock("x-0000000001", 1, null, null, null), WatchReader.Parse("x-0000000001", 1, """{"host":3}"""u8));
    }

    [Theory]
    [InlineData("lock-abc-0000000012", 12)]
    [InlineData("lock-0000000000", 0)]
    [InlineData("lock-abc", -1)]
    [InlineData("0000000001", -1)]
    public void Sequence_NodeName_TrailingTenDigitsOrMinusOne(string name, long expected)
    {
        Assert.Equal(expected, WatchReader.Sequence(name));
    }

    [Theory]
    [InlineData("""{"version":1,"config":{"min.insync.replicas":"2"}}""", 2)]
    [InlineData("""{"version":1,"config":{}}""", 1)]
    [InlineData("""{"version":1,"config":{"min.insync.replicas":"x"}}""", 1)]
    [InlineData("not json", 1)]
    public void MinIsr_TopicConfig_ItsMinInsyncReplicasOrKafkasDefault(string config, int expected)
    {
        Assert.Equal(expected, WatchReader.MinIsr(Encoding.UTF8.GetBytes(config)));
    }
}
