namespace KafkaAgent.Configuration;

/// <summary>Range checks on bound options; each error is (key, problem) so the loader can name the file and line.</summary>
internal static class OptionsValidator
{
    public static IEnumerable<(string Key, string Problem)> Validate(AgentOptions o)
    {
        if (!string.Equals(o.Mode, "observe", StringComparison.OrdinalIgnoreCase))
        {
            yield return ("mode", $"'{o.Mode}' is not supported; use observe");
        }

        if (o.IntervalSeconds is < 1 or > 3600)
        {
            yield return ("interval_seconds", $"must be between 1 and 3600 (got {o.IntervalSeconds})");
        }

        if (o.Kafka.ApiTimeoutSeconds is <= 0 or > 120)
        {
            yield return ("kafka:api_timeout_seconds", $"must be above 0 and at most 120 (got {o.Kafka.ApiTimeoutSeconds})");
        }

        if (o.Kafka.ApiIntervalSeconds is < 0 or > 3600)
        {
            yield return ("kafka:api_interval_seconds", $"must be between 0 and 3600 (got {o.Kafka.ApiIntervalSeconds})");
        }

        if (o.Kafka.BrokerId is < 0)
        {
            yield return ("kafka:broker_id", $"must be 0 or more (got {o.Kafka.BrokerId})");
        }

        if (!Enum.TryParse<ServiceManagerKind>(o.Kafka.Service.Manager, ignoreCase: true, out _))
        {
            yield return ("kafka:service:manager", $"'{o.Kafka.Service.Manager}' is not one of auto, systemd, sysv, pidfile");
        }

        if (string.Equals(o.Kafka.Service.Manager, "pidfile", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(o.Kafka.Service.PidFile))
        {
            yield return ("kafka:service:pid_file", "is required when kafka.service.manager is pidfile");
        }

        if (o.ZooKeeper.TimeoutSeconds is <= 0 or > 60)
        {
            yield return ("zookeeper:timeout_seconds", $"must be above 0 and at most 60 (got {o.ZooKeeper.TimeoutSeconds})");
        }

        if (o.Cluster.ExpectedBrokers is < 0)
        {
            yield return ("cluster:expected_brokers", $"must be 0 or more (got {o.Cluster.ExpectedBrokers})");
        }

        if (o.Cluster.ExpectedBrokerIds.FirstOrDefault(id => id < 0) is var badId && badId < 0)
        {
            yield return ("cluster:expected_broker_ids", $"broker ids are 0 or more (got {badId})");
        }

        foreach (var error in ValidateDisk(o.Disk))
        {
            yield return error;
        }

        foreach (var error in ValidateOwnershipAndMetrics(o))
        {
            yield return error;
        }
    }

    private static IEnumerable<(string, string)> ValidateDisk(DiskOptions d)
    {
        if (d.HighRatio is <= 0 or >= 1)
        {
            yield return ("disk:high_ratio", $"must be between 0 and 1 (got {d.HighRatio})");
        }

        if (d.CriticalRatio is <= 0 or > 1)
        {
            yield return ("disk:critical_ratio", $"must be above 0 and at most 1 (got {d.CriticalRatio})");
        }

        if (d.CriticalRatio <= d.HighRatio)
        {
            yield return ("disk:critical_ratio", $"must be above disk.high_ratio ({d.CriticalRatio} <= {d.HighRatio})");
        }
    }

    private static IEnumerable<(string, string)> ValidateOwnershipAndMetrics(AgentOptions o)
    {
        var w = o.Ownership;
        if (w.FullScanMinIntervalSeconds < 0)
        {
            yield return ("ownership:full_scan_min_interval_seconds", "must be 0 or more");
        }

        if (w.FullScanMaxIntervalSeconds < w.FullScanMinIntervalSeconds)
        {
            yield return ("ownership:full_scan_max_interval_seconds", "must be at least ownership.full_scan_min_interval_seconds");
        }

        if (w.CpuBudgetRatio is <= 0 or > 1)
        {
            yield return ("ownership:cpu_budget_ratio", $"must be above 0 and at most 1 (got {w.CpuBudgetRatio})");
        }

        if (w.SamplePaths is < 1 or > 100)
        {
            yield return ("ownership:sample_paths", $"must be between 1 and 100 (got {w.SamplePaths})");
        }

        if (o.Metrics.Port is < 1 or > 65535)
        {
            yield return ("metrics:port", $"must be a TCP port, 1..65535 (got {o.Metrics.Port})");
        }

        if (!o.Metrics.Path.StartsWith('/'))
        {
            yield return ("metrics:path", $"must start with / (got '{o.Metrics.Path}')");
        }
    }
}
