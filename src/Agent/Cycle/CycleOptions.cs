namespace KafkaAgent.Cycle;

/// <param name="Act">False for <c>check</c>: plan (so circuits and pause show) but change nothing, not even state.json.</param>
internal sealed record CycleOptions(bool Act);
