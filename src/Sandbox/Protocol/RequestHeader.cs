namespace KafkaAgent.Sandbox.Protocol;

/// <summary>Kafka's request header, v1 (classic) or v2 (flexible: followed by tagged fields).</summary>
internal sealed record RequestHeader(short ApiKey, short ApiVersion, int CorrelationId, string? ClientId)
{
    public static RequestHeader Read(ref KafkaReader reader)
    {
        var apiKey = reader.ReadInt16();
        var version = reader.ReadInt16();
        var correlationId = reader.ReadInt32();
        // client_id stays a classic INT16-length string even in header v2.
        var clientId = reader.ReadNullableString();
        if (Kafka28Apis.IsFlexible(apiKey, version))
        {
            reader.SkipTaggedFields();
        }
        return new RequestHeader(apiKey, version, correlationId, clientId);
    }

    public void Write(KafkaWriter writer)
    {
        writer.Int16(ApiKey).Int16(ApiVersion).Int32(CorrelationId).String(ClientId, compact: false);
        if (Kafka28Apis.IsFlexible(ApiKey, ApiVersion))
        {
            writer.NoTaggedFields();
        }
    }
}
