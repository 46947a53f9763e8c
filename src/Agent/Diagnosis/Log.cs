namespace KafkaAgent.Diagnosis;

/// <summary>
/// Diagnosis events: 6000-6099, none used yet. The rules are pure (no I/O, no logger); the findings they produce
/// are logged by the cycle (4000-4099). The table of every area's range is in README.md, Layout.
/// </summary>
internal static partial class Log;
