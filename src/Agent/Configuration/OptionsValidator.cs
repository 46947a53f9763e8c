namespace KafkaAgent.Configuration;

/// <summary>Range checks on bound options; each error is (key, problem) so the loader can name the file and line.</summary>
internal static class OptionsValidator
{
    public static IEnumerable<(string Key, string Problem)> Validate(AgentOptions o)
    {
        if (o.IntervalSeconds is < 1 or > 3600)
        {
            yield return ("interval_seconds", $"must be between 1 and 3600 (got {o.IntervalSeconds})");
        }

        if (o.CycleTimeoutSeconds is < 10 or > 3600)
        {
            yield return ("cycle_timeout_seconds", $"must be between 10 and 3600 (got {o.CycleTimeoutSeconds})");
        }

        foreach (var error in CycleTimeouts.Validate(o))
        {
            yield return error;
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

        foreach (var error in ValidateService("kafka:service", o.Kafka.Service).Concat(ValidateService("zookeeper:service", o.ZooKeeper.Service)))
        {
            yield return error;
        }

        if (!Path.IsPathRooted(o.Kafka.Home))
        {
            yield return ("kafka:home", $"'{o.Kafka.Home}' is not an absolute path");
        }

        if (o.Kafka.AppLogDir is { Length: > 0 } appLogDir && !Path.IsPathRooted(appLogDir))
        {
            yield return ("kafka:app_log_dir", $"'{appLogDir}' is not an absolute path");
        }

        if (o.Kafka.Service.StopTimeoutSeconds is < 1 or > 3600)
        {
            yield return ("kafka:service:stop_timeout_seconds", $"must be between 1 and 3600 (got {o.Kafka.Service.StopTimeoutSeconds})");
        }

        if (o.ZooKeeper.Service.StopTimeoutSeconds is < 1 or > 3600)
        {
            yield return ("zookeeper:service:stop_timeout_seconds", $"must be between 1 and 3600 (got {o.ZooKeeper.Service.StopTimeoutSeconds})");
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

        foreach (var error in HealValidator.Validate(o))
        {
            yield return error;
        }
    }

    private static IEnumerable<(string, string)> ValidateService(string key, KafkaServiceOptions s)
    {
        if (!Enum.TryParse<ServiceManagerKind>(s.Manager, ignoreCase: true, out _))
        {
            yield return ($"{key}:manager", $"'{s.Manager}' is not one of auto, systemd, sysv, pidfile, script");
        }

        if (string.Equals(s.Manager, "pidfile", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(s.PidFile))
        {
            yield return ($"{key}:pid_file", $"is required when {OptionsSchema.Display(key)}.manager is pidfile");
        }

        if (s.PidFile is { Length: > 0 } pidFile && !Path.IsPathRooted(pidFile))
        {
            yield return ($"{key}:pid_file", $"'{pidFile}' is not an absolute path");
        }

        if (s.StopTimeoutSeconds is < 1 or > 3600)
        {
            yield return ($"{key}:stop_timeout_seconds", $"must be between 1 and 3600 (got {s.StopTimeoutSeconds})");
        }

        if (string.IsNullOrWhiteSpace(s.CommandMatch))
        {
            yield return ($"{key}:command_match", "must not be empty (it tells the service's process from any other that got its pid)");
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

        if (!Enum.TryParse<LogFormat>(o.Logging.Format, ignoreCase: true, out _))
        {
            yield return ("logging:format", $"'{o.Logging.Format}' is not one of text, json");
        }
    }
}
