namespace KafkaAgent.Probes.Ownership;

/// <summary>
/// When the next full scan is due. A full scan of a large log dir costs CPU in proportion to its entries
/// (about 0.3 s for 300,000 files), so the interval adapts to what the last one cost: cost / budget, kept
/// within [min, max]. With a 0.5% budget a 0.3 s scan runs once a minute; a 3,000-file dir every minimum
/// interval. Cheap incremental passes run every cycle in between.
/// </summary>
internal static class OwnershipSchedule
{
    public static TimeSpan NextInterval(TimeSpan lastScanCpu, double cpuBudgetRatio, TimeSpan min, TimeSpan max)
    {
        var wanted = TimeSpan.FromTicks((long)(lastScanCpu.Ticks / cpuBudgetRatio));
        return wanted < min ? min : wanted > max ? max : wanted;
    }
}
