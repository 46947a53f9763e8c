namespace KafkaAgent.Bench.Zk;

/// <summary>One client's results: pipelined getData throughput and sequential getData latency.</summary>
/// <remarks>The CPU figures (per read, during the throughput phase) show where the time goes on a busy machine.</remarks>
internal sealed record ReadFigures(
    double OperationsPerSecond, double P50Microseconds, double P99Microseconds, double ClientCpuPerRead, double ServerCpuPerRead)
{
    /// <summary>The best of several rounds, figure by figure.</summary>
    public static ReadFigures Best(IReadOnlyList<ReadFigures> rounds) => new(
        rounds.Max(round => round.OperationsPerSecond),
        rounds.Min(round => round.P50Microseconds),
        rounds.Min(round => round.P99Microseconds),
        rounds.Min(round => round.ClientCpuPerRead),
        rounds.Min(round => round.ServerCpuPerRead));

    /// <summary>The p-th percentile (0..1) of sorted samples, nearest rank, as the kazoo script computes it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
