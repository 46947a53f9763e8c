using System.Text.RegularExpressions;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>
/// ApiVersions as Kafka 2.8 answers it (KIP-511). A request at a version newer than 3 is not parsed:
/// the reply is the v0 layout with UNSUPPORTED_VERSION and the ApiVersions range, so the client
/// retries at a version it finds there (librdkafka's downgrade). The response header is always v0.
/// </summary>
internal static partial class ApiVersionsHandler
{
    private static readonly ApiVersionRange Self = Kafka28Apis.Find((short)ApiKey.ApiVersions)!.Value;

    public static byte[] Handle(RequestHeader header, ref KafkaReader body)
    {
        var writer = new KafkaWriter().Int32(header.CorrelationId);
        if (header.ApiVersion > Self.MaxVersion || header.ApiVersion < Self.MinVersion)
        {
            WriteBody(writer, 0, ErrorCode.UnsupportedVersion, [Self]);
            return writer.ToFrame();
        }
        var ok = true;
        if (header.ApiVersion >= 3)
        {
            var name = body.ReadCompactNullableString();
            var version = body.ReadCompactNullableString();
            body.SkipTaggedFields();
            ok = IsValid(name) && IsValid(version);
        }
        if (ok)
        {
            WriteBody(writer, header.ApiVersion, ErrorCode.None, Kafka28Apis.All);
        }
        else
        {
            WriteBody(writer, header.ApiVersion, ErrorCode.InvalidRequest, []);
        }
        return writer.ToFrame();
    }

    internal static void WriteBody(KafkaWriter writer, short version, ErrorCode error, IReadOnlyList<ApiVersionRange> ranges)
    {
        var flexible = version >= 3;
        writer.Int16((short)error).ArrayLength(ranges.Count, flexible);
        foreach (var range in ranges)
        {
            writer.Int16(range.ApiKey).Int16(range.MinVersion).Int16(range.MaxVersion);
            if (flexible)
            {
                writer.NoTaggedFields();
            }
        }
        if (version >= 1)
        {
            writer.Int32(0); // throttle_time_ms
        }
        if (flexible)
        {
            writer.NoTaggedFields();
        }
    }

    private static bool IsValid(string? softwareField) => softwareField is not null && SoftwarePattern().IsMatch(softwareField);

    [GeneratedRegex(@"^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$")]
    private static partial Regex SoftwarePattern();
}
