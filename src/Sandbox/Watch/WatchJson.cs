using System.Text.Json.Serialization;

namespace KafkaAgent.Sandbox.Watch;

[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(WatchSample))]
[JsonSerializable(typeof(WatchSummary))]
internal sealed partial class WatchJson : JsonSerializerContext;
