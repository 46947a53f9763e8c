using KafkaAgent.Sandbox.Cluster;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>Routes one request frame to its handler; null means "close the connection", as Kafka does.</summary>
internal sealed class RequestDispatcher(Func<ClusterSnapshot> snapshot)
{
    public DispatchResult Dispatch(ReadOnlySpan<byte> payload, string listenerName)
    {
        var reader = new KafkaReader(payload);
        if (!RequestHeader.TryRead(ref reader, out var header, out var unparsed))
        {
            return unparsed;
        }
        var range = Kafka28Apis.Find(header.ApiKey);
        if (range is null)
        {
            return new DispatchResult(null, header, $"Unknown API key {header.ApiKey}");
        }
        try
        {
            switch ((ApiKey)header.ApiKey)
            {
                case ApiKey.ApiVersions:
                    return new DispatchResult(ApiVersionsHandler.Handle(header, ref reader), header, null);
                case ApiKey.Metadata when header.ApiVersion <= range.Value.MaxVersion:
                    return new DispatchResult(MetadataHandler.Handle(header, ref reader, snapshot(), listenerName), header, null);
                default:
                    return new DispatchResult(null, header,
                        $"API key {header.ApiKey} version {header.ApiVersion} is advertised as Kafka 2.8 does but not served by the stand-in");
            }
        }
        catch (KafkaProtocolException e)
        {
            return new DispatchResult(null, header, $"Error parsing request {header.ApiKey} v{header.ApiVersion}: {e.Message}");
        }
    }
}

/// <summary>A response frame to send, or null with the reason the connection is closed.</summary>
internal sealed record DispatchResult(byte[]? Response, RequestHeader? Header, string? CloseReason);
