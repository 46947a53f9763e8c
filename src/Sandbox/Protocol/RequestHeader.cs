using System.Diagnostics.CodeAnalysis;

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

    /// <summary>
    /// Reads the header, or gives in <paramref name="unparsed"/> why the connection closes: Kafka closes a
    /// connection whose request header it cannot parse, before any handler or SASL stage sees it.
    /// </summary>
    public static bool TryRead(ref KafkaReader reader, [NotNullWhen(true)] out RequestHeader? header, [NotNullWhen(false)] out DispatchResult? unparsed)
    {
        try
        {
            header = Read(ref reader);
            unparsed = null;
            return true;
        }
        catch (KafkaProtocolException e)
        {
            header = null;
            unparsed = new DispatchResult(null, null, $"Error parsing request header: {e.Message}");
            return false;
        }
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
