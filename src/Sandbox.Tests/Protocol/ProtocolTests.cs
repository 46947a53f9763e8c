using KafkaAgent.Sandbox.Cluster;
using KafkaAgent.Sandbox.Config;
using KafkaAgent.Sandbox.Protocol;

namespace KafkaAgent.Sandbox.Tests.Protocol;

public class ProtocolTests
{
    private static readonly ClusterSnapshot Cluster = new(
        "cluster-1",
        2,
        new Dictionary<int, BrokerRegistration>
        {
            [1] = new(1, [new ListenerEndpoint("PLAINTEXT", "127.0.0.1", 9092, "PLAINTEXT")], -1, "r1", 0),
            [2] = new(2, [new ListenerEndpoint("PLAINTEXT", "127.0.0.1", 9093, "PLAINTEXT")], -1, null, 0),
        },
        [
            new TopicState("orders", KafkaUuid.NewRandom(), [
                new PartitionInfo(0, [1, 2, 3], new PartitionState(1, 4, [1, 2], 1)),
                new PartitionInfo(1, [3, 1], new PartitionState(3, 2, [3], 1)),
            ]),
            new TopicState("__consumer_offsets", KafkaUuid.Zero, [new PartitionInfo(0, [2], new PartitionState(2, 0, [2], 1))]),
        ]);

    private static byte[] Request(short apiKey, short version, Action<KafkaWriter>? body = null)
    {
        var w = new KafkaWriter();
        new RequestHeader(apiKey, version, 42, "test").Write(w);
        body?.Invoke(w);
        return w.WrittenMemory.ToArray();
    }

    private static DispatchResult Send(byte[] payload) => new RequestDispatcher(() => Cluster).Dispatch(payload, "PLAINTEXT");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ApiVersions_ClassicVersions_ListKafka28Table(short version)
    {
        var reply = ResponseReader.ReadApiVersions(Send(Request(18, version)).Response!, version);

        Assert.Equal(42, reply.CorrelationId);
        Assert.Equal(0, reply.Error);
        Assert.Contains(new ApiVersionRange(3, 0, 11), reply.Ranges);
        Assert.Contains(new ApiVersionRange(18, 0, 3), reply.Ranges);
        Assert.Equal(Kafka28Apis.All.Count, reply.Ranges.Count);
    }

    [Fact]
    public void ApiVersions_V3WithSoftwareName_FlexibleReplyWithV0Header()
    {
        var payload = Request(18, 3, w => w.String("librdkafka", compact: true).String("2.16.0", compact: true).NoTaggedFields());

        var reply = ResponseReader.ReadApiVersions(Send(payload).Response!, 3);

        Assert.Equal(42, reply.CorrelationId);
        Assert.Equal(0, reply.Error);
        Assert.Equal(0, reply.Throttle);
    }

    [Fact]
    public void ApiVersions_V3WithInvalidSoftwareName_InvalidRequest()
    {
        var payload = Request(18, 3, w => w.String("-bad name", compact: true).String("1", compact: true).NoTaggedFields());

        Assert.Equal((short)ErrorCode.InvalidRequest, ResponseReader.ReadApiVersions(Send(payload).Response!, 3).Error);
    }

    [Fact]
    public void ApiVersions_NewerThanSupported_V0UnsupportedVersionWithOwnRange()
    {
        // A client from the future sends v9 with a body the broker cannot know; Kafka answers in v0.
        var payload = Request(18, 9, w => w.Raw([1, 2, 3, 4, 5]));

        var reply = ResponseReader.ReadApiVersions(Send(payload).Response!, 0);

        Assert.Equal((short)ErrorCode.UnsupportedVersion, reply.Error);
        Assert.Equal([new ApiVersionRange(18, 0, 3)], reply.Ranges);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(11)]
    public void Metadata_AllTopics_BrokersLeadersAndIsrFromSnapshot(short version)
    {
        var payload = Request(3, version, w => new MetadataRequest(version, null, false).Write(w));

        var reply = ResponseReader.ReadMetadata(Send(payload).Response!, version);

        Assert.Equal([1, 2], reply.Brokers.Select(b => b.Id));
        Assert.Equal(9093, reply.Brokers[1].Port);
        Assert.Equal(version >= 1 ? 2 : -1, reply.Controller);
        Assert.Equal(version >= 2 ? "cluster-1" : null, reply.ClusterId);
        var orders = reply.Topics.Single(t => t.Name == "orders");
        Assert.Equal(1, orders.Partitions[0].Leader);
        Assert.Equal([1, 2], orders.Partitions[0].Isr);
        // partition 1's leader (3) is not registered: LEADER_NOT_AVAILABLE, leader -1
        Assert.Equal((short)ErrorCode.LeaderNotAvailable, orders.Partitions[1].Error);
        Assert.Equal(-1, orders.Partitions[1].Leader);
        Assert.Equal(version >= 1, reply.Topics.Single(t => t.Name == "__consumer_offsets").Internal);
    }

    [Fact]
    public void Metadata_V0_FiltersDeadReplicasWithReplicaNotAvailable()
    {
        var reply = ResponseReader.ReadMetadata(Send(Request(3, 0, w => new MetadataRequest(0, null, false).Write(w))).Response!, 0);

        var p0 = reply.Topics.Single(t => t.Name == "orders").Partitions[0];
        Assert.Equal((short)ErrorCode.ReplicaNotAvailable, p0.Error);
        Assert.Equal([1, 2], p0.Replicas);
    }

    [Fact]
    public void Metadata_UnknownTopic_UnknownTopicOrPartition()
    {
        var reply = ResponseReader.ReadMetadata(Send(Request(3, 11, w => new MetadataRequest(11, ["nope"], false).Write(w))).Response!, 11);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, Assert.Single(reply.Topics).Error);
    }

    [Fact]
    public void Dispatch_UnservedApi_ClosesConnection()
    {
        var result = Send(Request(0, 3));

        Assert.Null(result.Response);
        Assert.Contains("not served", result.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatch_TruncatedHeader_ClosesConnection()
    {
        Assert.Null(Send([0, 18, 0]).Response);
    }

    [Fact]
    public void KafkaUuid_ToStringParse_RoundTrips()
    {
        var id = KafkaUuid.NewRandom();

        Assert.Equal(22, id.ToString().Length);
        Assert.Equal(id, KafkaUuid.Parse(id.ToString()));
    }
}
