namespace KafkaAgent.Configuration;

/// <summary>
/// Configuration events: 3000-3099, none used yet. Configuration errors are reported before logging exists, as
/// one line on stderr and exit code 78. The table of every area's range is in README.md, Layout.
/// </summary>
internal static partial class Log;
