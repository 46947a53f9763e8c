using System.Text.Json.Serialization;

namespace KafkaAgent.Coordination;

/// <summary>Source-generated JSON for the agent's znodes and the `cluster` view (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LockOwner))]
[JsonSerializable(typeof(HostReport))]
[JsonSerializable(typeof(ClusterView))]
internal sealed partial class CoordinationJson : JsonSerializerContext;
