using System.Text.Json;
using System.Text.Json.Serialization;

namespace KafkaAgent.Coordination;

/// <summary>
/// What a lock node says about its contender, so <c>check</c> and <c>cluster</c> can name the holder and the
/// controller-last rule can see which brokers wait for a restart.
/// </summary>
/// <param name="Host">The contender's host name.</param>
/// <param name="BrokerId">The broker the action is for.</param>
/// <param name="Action">The action's name (restart_kafka, restart_zookeeper, reclaim_log_dirs...).</param>
/// <param name="RequestedAtMs">When the contender asked, milliseconds since the epoch (its own clock).</param>
internal sealed record LockOwner(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("broker_id")] int BrokerId,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("requested_at_ms")] long RequestedAtMs)
{
    /// <summary>Lock node data is written by agents only, but read defensively: anything else is null.</summary>
    public static LockOwner? TryParse(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, CoordinationJson.Default.LockOwner);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, CoordinationJson.Default.LockOwner);
}
