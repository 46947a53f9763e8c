namespace KafkaAgent.Sandbox.Watch;

/// <summary>`watch`'s options: where to write the record, how often to sample, for how long (null: until a signal).</summary>
internal sealed record WatchOptions(string OutFile, TimeSpan Interval, TimeSpan? Duration, string? SummaryJsonFile);
