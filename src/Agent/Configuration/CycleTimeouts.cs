namespace KafkaAgent.Configuration;

/// <summary>
/// The timeouts that must fit inside one cycle. The worker cancels a cycle at cycle_timeout_seconds and starts the
/// next only once it has ended; a probe or an action allowed longer than its share would be cut off every time.
/// </summary>
internal static class CycleTimeouts
{
    /// <summary>A probe's share: a cycle observes, acts, then re-runs the affected probes to verify.</summary>
    public const int ProbeShare = 4;

    public static IEnumerable<(string Key, string Problem)> Validate(AgentOptions o)
    {
        var cycle = o.CycleTimeoutSeconds;
        if (o.Kafka.ApiTimeoutSeconds * ProbeShare > cycle)
        {
            yield return ("kafka:api_timeout_seconds",
                $"{o.Kafka.ApiTimeoutSeconds} s does not fit in a cycle: at most a quarter of cycle_timeout_seconds ({cycle} s)");
        }

        if (o.ZooKeeper.TimeoutSeconds * ProbeShare > cycle)
        {
            yield return ("zookeeper:timeout_seconds",
                $"{o.ZooKeeper.TimeoutSeconds} s does not fit in a cycle: at most a quarter of cycle_timeout_seconds ({cycle} s)");
        }
    }
}
