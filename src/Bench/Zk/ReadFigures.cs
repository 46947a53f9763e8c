namespace KafkaAgent.Bench.Zk;

/// <summary>One client's results: pipelined getData throughput and sequential getData latency.</summary>
internal sealed record ReadFigures(double OperationsPerSecond, double P50Microseconds, double P99Microseconds)
{
    /// <summary>The best of several rounds, figure by figure.</summary>
    public static ReadFigures Best(IReadOnlyList<ReadFigures> rounds) => new(
        rounds.Max(round => round.OperationsPerSecond),
        rounds.Min(round => round.P50Microseconds),
        rounds.Min(round => round.P99Microseconds));

    /// <summary>The p-th percentile (0..1) of sorted samples, nearest rank, as the kazoo script computes it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
