using System.Diagnostics.Metrics;
using KafkaAgent.Telemetry;

namespace KafkaAgent.Events;

/// <summary>The detection instruments, on the agent's meter.</summary>
internal static class DetectionMetrics
{
    public const string LatencyName = "kafka_agent_detection_latency_seconds";

    // From sub-millisecond (a pidfd poll return) to the seconds a session-loss notice can take.
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10];

    public static Histogram<double> CreateLatencyHistogram(IMeterFactory meterFactory) =>
        meterFactory.Create(AgentMetrics.MeterName).CreateHistogram(
            LatencyName,
            unit: "s",
            description: "Time from an event (process exit, registration lost, session change, disk crossing) to the cycle it started, by event.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
}
