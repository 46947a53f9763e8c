using KafkaAgent.Sandbox.Protocol;

namespace KafkaAgent.Sandbox.Tests.Protocol;

/// <summary>Decodes the stand-in's responses independently of its writer, field by field as the protocol guide lists them.</summary>
internal static class ResponseReader
{
    public sealed record ApiVersions(int CorrelationId, short Error, List<ApiVersionRange> Ranges, int Throttle);

    public sealed record Metadata(List<(int Id, string Host, int Port, string? Rack)> Brokers, string? ClusterId, int Controller, List<Topic> Topics);

    public sealed record Topic(short Error, string Name, bool Internal, List<Partition> Partitions);

    public sealed record Partition(short Error, int Index, int Leader, int LeaderEpoch, List<int> Replicas, List<int> Isr);

    public static ApiVersions ReadApiVersions(byte[] frame, short version)
    {
        var r = new KafkaReader(frame.AsSpan(4));
        var correlation = r.ReadInt32(); // header v0 always
        var error = r.ReadInt16();
        var flexible = version >= 3;
        var n = r.ReadArrayLength(flexible);
        var ranges = new List<ApiVersionRange>();
        for (var i = 0; i < n; i++)
        {
            ranges.Add(new ApiVersionRange(r.ReadInt16(), r.ReadInt16(), r.ReadInt16()));
            if (flexible)
            {
                r.SkipTaggedFields();
            }
        }
        var throttle = version >= 1 ? r.ReadInt32() : -1;
        if (flexible)
        {
            r.SkipTaggedFields();
        }
        Assert.Equal(0, r.Remaining);
        return new ApiVersions(correlation, error, ranges, throttle);
    }

    public static Metadata ReadMetadata(byte[] frame, short v)
    {
        var flexible = v >= 9;
        var r = new KafkaReader(frame.AsSpan(4));
        _ = r.ReadInt32();
        if (flexible)
        {
            r.SkipTaggedFields();
        }
        if (v >= 3)
        {
            _ = r.ReadInt32();
        }
        var brokers = new List<(int, string, int, string?)>();
        for (int i = 0, n = r.ReadArrayLength(flexible); i < n; i++)
        {
            var id = r.ReadInt32();
            var host = r.ReadString(flexible)!;
            var port = r.ReadInt32();
            var rack = v >= 1 ? r.ReadString(flexible) : null;
            if (flexible)
            {
                r.SkipTaggedFields();
            }
            brokers.Add((id, host, port, rack));
        }
        var clusterId = v >= 2 ? r.ReadString(flexible) : null;
        var controller = v >= 1 ? r.ReadInt32() : -1;
        var topics = new List<Topic>();
        for (int i = 0, n = r.ReadArrayLength(flexible); i < n; i++)
        {
            var error = r.ReadInt16();
            var name = r.ReadString(flexible)!;
            if (v >= 10)
            {
                _ = r.ReadUuid();
            }
            var isInternal = v >= 1 && r.ReadBool();
            var partitions = new List<Partition>();
            for (int j = 0, m = r.ReadArrayLength(flexible); j < m; j++)
            {
                var pe = r.ReadInt16();
                var index = r.ReadInt32();
                var leader = r.ReadInt32();
                var epoch = v >= 7 ? r.ReadInt32() : -1;
                var replicas = Ints(ref r, flexible);
                var isr = Ints(ref r, flexible);
                if (v >= 5)
                {
                    _ = Ints(ref r, flexible);
                }
                if (flexible)
                {
                    r.SkipTaggedFields();
                }
                partitions.Add(new Partition(pe, index, leader, epoch, replicas, isr));
            }
            if (v >= 8)
            {
                _ = r.ReadInt32();
            }
            if (flexible)
            {
                r.SkipTaggedFields();
            }
            topics.Add(new Topic(error, name, isInternal, partitions));
        }
        if (v is >= 8 and <= 10)
        {
            _ = r.ReadInt32();
        }
        if (flexible)
        {
            r.SkipTaggedFields();
        }
        Assert.Equal(0, r.Remaining);
        return new Metadata(brokers, clusterId, controller, topics);
    }

    private static List<int> Ints(ref KafkaReader r, bool flexible)
    {
        var list = new List<int>();
        for (int i = 0, n = r.ReadArrayLength(flexible); i < n; i++)
        {
            list.Add(r.ReadInt32());
        }
        return list;
    }
}
