namespace KafkaAgent.Sandbox.Protocol;

/// <summary>Metadata request v0-v11. <see cref="Topics"/> null means every topic.</summary>
internal sealed record MetadataRequest(short Version, IReadOnlyList<string>? Topics, bool IncludeTopicAuthorizedOperations)
{
    public static MetadataRequest Read(short version, ref KafkaReader reader)
    {
        var flexible = version >= 9;
        var count = reader.ReadArrayLength(flexible);
        List<string>? topics = null;
        if (count >= 0)
        {
            topics = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                if (version >= 10)
                {
                    _ = reader.ReadUuid(); // lookup by topic id is not supported by Kafka 2.8 either
                }
                var name = reader.ReadString(flexible) ?? throw new KafkaProtocolException("null topic name");
                if (flexible)
                {
                    reader.SkipTaggedFields();
                }
                topics.Add(name);
            }
        }
        // v0 has no null array: an empty list asks for every topic.
        if (version == 0 && topics is { Count: 0 })
        {
            topics = null;
        }
        if (version >= 4)
        {
            _ = reader.ReadBool(); // allow_auto_topic_creation
        }
        var includeTopicOps = false;
        if (version is >= 8 and <= 10)
        {
            _ = reader.ReadBool(); // include_cluster_authorized_operations
        }
        if (version >= 8)
        {
            includeTopicOps = reader.ReadBool();
        }
        if (flexible)
        {
            reader.SkipTaggedFields();
        }
        return new MetadataRequest(version, topics, includeTopicOps);
    }

    public void Write(KafkaWriter writer)
    {
        var flexible = Version >= 9;
        if (Topics is null)
        {
            if (Version == 0)
            {
                writer.ArrayLength(0, compact: false);
            }
            else
            {
                writer.ArrayLength(-1, flexible);
            }
        }
        else
        {
            writer.ArrayLength(Topics.Count, flexible);
            foreach (var topic in Topics)
            {
                if (Version >= 10)
                {
                    writer.Uuid(KafkaUuid.Zero);
                }
                writer.String(topic, flexible);
                if (flexible)
                {
                    writer.NoTaggedFields();
                }
            }
        }
        if (Version >= 4)
        {
            writer.Bool(false);
        }
        if (Version is >= 8 and <= 10)
        {
            writer.Bool(false);
        }
        if (Version >= 8)
        {
            writer.Bool(IncludeTopicAuthorizedOperations);
        }
        if (flexible)
        {
            writer.NoTaggedFields();
        }
    }
}
