using System.Text.Json.Serialization;

namespace KafkaAgent.State;

/// <summary>Source-generated (AOT-safe) JSON for state.json; snake_case like agent.yaml.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(AgentState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
