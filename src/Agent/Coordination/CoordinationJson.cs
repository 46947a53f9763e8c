using System.Text.Json.Serialization;

namespace KafkaAgent.Coordination;

/// <summary>Source-generated JSON for the agent's znodes (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LockOwner))]
internal sealed partial class CoordinationJson : JsonSerializerContext;
