using System.Globalization;
using System.Text.Json.Serialization;

namespace KafkaAgent.Sandbox.Watch;

/// <summary>A stretch of time in which one lock node was the head of the queue (the holder), first to last sample.</summary>
internal sealed record HolderInterval(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("broker_id")] int? BrokerId,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("from_ms")] long FromMs,
    [property: JsonPropertyName("to_ms")] long ToMs);

/// <summary>The smallest ISR a partition had while watched, and when it was first seen.</summary>
internal sealed record SmallestIsr(
    [property: JsonPropertyName("partition")] string Partition,
    [property: JsonPropertyName("replicas")] int Replicas,
    [property: JsonPropertyName("smallest_isr")] int Size,
    [property: JsonPropertyName("isr")] IReadOnlyList<int> Isr,
    [property: JsonPropertyName("at_ms")] long AtMs);

/// <summary>
/// What the watcher saw, folded: who held the lock when, the most lock holders whose intervals overlapped
/// (more than one means two disruptive actions ran at once), and each partition's smallest ISR.
/// </summary>
internal sealed record WatchSummary(
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("failed_samples")] int FailedSamples,
    [property: JsonPropertyName("from_ms")] long FromMs,
    [property: JsonPropertyName("to_ms")] long ToMs,
    [property: JsonPropertyName("holders")] IReadOnlyList<HolderInterval> Holders,
    [property: JsonPropertyName("max_concurrent_holders")] int MaxConcurrentHolders,
    [property: JsonPropertyName("smallest_isr")] IReadOnlyList<SmallestIsr> SmallestIsr)
{
    public static WatchSummary From(IReadOnlyList<WatchSample> samples)
    {
        var holders = new List<HolderInterval>();
        var smallest = new SortedDictionary<string, SmallestIsr>(StringComparer.Ordinal);
        var failed = 0;
        foreach (var s in samples)
        {
            if (s.Error is not null)
            {
                failed++;
                continue;
            }

            if (s.Locks.Count > 0)
            {
                var head = s.Locks[0];
                var open = holders.FindLastIndex(h => h.Node == head.Node);
                if (open >= 0)
                {
                    holders[open] = holders[open] with { ToMs = s.TimeMs };
                }
                else
                {
                    holders.Add(new HolderInterval(head.Node, head.Host, head.BrokerId, head.Action, s.TimeMs, s.TimeMs));
                }
            }

            foreach (var p in s.Partitions)
            {
                if (!smallest.TryGetValue(p.Name, out var seen) || p.Isr.Count < seen.Size)
                {
                    smallest[p.Name] = new SmallestIsr(p.Name, p.Replicas.Count, p.Isr.Count, p.Isr, s.TimeMs);
                }
            }
        }

        return new WatchSummary(
            samples.Count,
            failed,
            samples.Count > 0 ? samples[0].TimeMs : 0,
            samples.Count > 0 ? samples[^1].TimeMs : 0,
            holders,
            MaxOverlap(holders),
            smallest.Values.ToList());
    }

    /// <summary>The most intervals covering one instant (a sweep over their ends; touching ends do not overlap).</summary>
    internal static int MaxOverlap(IReadOnlyList<HolderInterval> intervals)
    {
        var edges = intervals.SelectMany(i => new[] { (At: i.FromMs, Delta: 1), (At: i.ToMs + 1, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int current = 0, max = 0;
        foreach (var (_, delta) in edges)
        {
            current += delta;
            max = Math.Max(max, current);
        }

        return max;
    }

    public void Print(TextWriter to)
    {
        var start = FromMs;
        string Rel(long ms) => ((ms - start) / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);
        to.WriteLine($"watched {Rel(ToMs)} s: {Samples} samples ({FailedSamples} without ZooKeeper)");
        to.WriteLine($"lock holders (max concurrent: {MaxConcurrentHolders}):");
        if (Holders.Count == 0)
        {
            to.WriteLine("  none");
        }

        foreach (var h in Holders)
        {
            to.WriteLine($"  +{Rel(h.FromMs)} s .. +{Rel(h.ToMs)} s  {h.Host ?? "?"} (broker {h.BrokerId?.ToString(CultureInfo.InvariantCulture) ?? "?"}) {h.Action ?? "?"}  [{h.Node}]");
        }

        to.WriteLine("smallest ISR per partition:");
        foreach (var p in SmallestIsr)
        {
            to.WriteLine($"  {p.Partition,-24} {p.Size}/{p.Replicas} [{string.Join(',', p.Isr)}] at +{Rel(p.AtMs)} s");
        }
    }
}
