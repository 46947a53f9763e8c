using System.Text;
using System.Text.Json;
using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Config;
using KafkaAgent.Sandbox.Protocol;

namespace KafkaAgent.Sandbox.Tests.Cluster;

public class ZNodeFormatTests
{
    [Fact]
    public void BrokerRegistration_ToJson_Kafka28Version5Fields()
    {
        var reg = new BrokerRegistration(1, [new ListenerEndpoint("PLAINTEXT", "10.0.0.1", 9092, "PLAINTEXT"), new ListenerEndpoint("SSL", "10.0.0.1", 9093, "SSL")], -1, "rack-a", 1700000000000);

        using var doc = JsonDocument.Parse(reg.ToJson());
        var root = doc.RootElement;

        Assert.Equal(5, root.GetProperty("version").GetInt32());
        Assert.Equal("10.0.0.1", root.GetProperty("host").GetString());
        Assert.Equal(9092, root.GetProperty("port").GetInt32());
        Assert.Equal(-1, root.GetProperty("jmx_port").GetInt32());
        Assert.Equal("1700000000000", root.GetProperty("timestamp").GetString());
        Assert.Equal("rack-a", root.GetProperty("rack").GetString());
        Assert.Equal(["PLAINTEXT://10.0.0.1:9092", "SSL://10.0.0.1:9093"], root.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("SSL", root.GetProperty("listener_security_protocol_map").GetProperty("SSL").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("features").ValueKind);
    }

    [Fact]
    public void BrokerRegistration_NoPlaintextNoRack_NullHostAndNoRackKey()
    {
        var json = Encoding.UTF8.GetString(new BrokerRegistration(3, [new ListenerEndpoint("SSL", "h", 1, "SSL")], -1, null, 0).ToJson());

        Assert.Contains("\"host\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"port\":-1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("rack", json, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokerRegistration_ParseKafkaVersion4Json_ReadsEndpoints()
    {
        var reg = BrokerRegistration.Parse(2, Encoding.UTF8.GetBytes(
            """{"listener_security_protocol_map":{"INTERNAL":"PLAINTEXT"},"endpoints":["INTERNAL://kafka2:9092"],"jmx_port":9999,"host":null,"timestamp":"1","port":-1,"version":4}"""));

        Assert.Equal("INTERNAL", reg.Endpoints[0].ListenerName);
        Assert.Equal("kafka2", reg.Endpoints[0].Host);
        Assert.Equal(9999, reg.JmxPort);
    }

    [Fact]
    public void Topic_KafkaVersion1Json_DecodesAssignment()
    {
        var (id, assignment) = KafkaZNodes.DecodeTopic(Encoding.UTF8.GetBytes("""{"version":1,"partitions":{"1":[2,3],"0":[1,2]}}"""));

        Assert.Equal(KafkaUuid.Zero, id);
        Assert.Equal([1, 2], assignment[0]);
        Assert.Equal([2, 3], assignment[1]);
    }

    [Fact]
    public void Topic_EncodeDecode_RoundTripsWithTopicId()
    {
        var topicId = KafkaUuid.NewRandom();
        var bytes = KafkaZNodes.EncodeTopic(topicId, new Dictionary<int, IReadOnlyList<int>> { [0] = [1, 2, 3] });

        var (id, assignment) = KafkaZNodes.DecodeTopic(bytes);

        Assert.Equal(topicId, id);
        Assert.Equal([1, 2, 3], assignment[0]);
        Assert.Contains("\"version\":3", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionState_Encode_KafkaFieldNames()
    {
        var json = Encoding.UTF8.GetString(KafkaZNodes.EncodePartitionState(new PartitionState(2, 5, [2, 3], 7)));

        Assert.Equal("""{"controller_epoch":7,"leader":2,"version":1,"leader_epoch":5,"isr":[2,3]}""", json);
    }

    [Fact]
    public void Controller_Encode_KafkaFormat()
    {
        Assert.Equal("""{"version":1,"brokerid":3,"timestamp":"12"}""", Encoding.UTF8.GetString(KafkaZNodes.EncodeController(3, 12)));
        Assert.Equal(3, KafkaZNodes.DecodeControllerId(KafkaZNodes.EncodeController(3, 12)));
    }
}
