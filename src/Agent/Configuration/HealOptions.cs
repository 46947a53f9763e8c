using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>The heal: section of agent.yaml: hysteresis, budgets, circuits, timeouts of the actions.</summary>
internal sealed class HealOptions
{
    [ConfigurationKeyName("grace_seconds")]
    public HealGraceOptions GraceSeconds { get; set; } = new();

    /// <summary>Attempts of one action allowed per budget window; past it the action's circuit opens.</summary>
    [ConfigurationKeyName("budget_attempts")]
    public int BudgetAttempts { get; set; } = 3;

    [ConfigurationKeyName("budget_window_seconds")]
    public double BudgetWindowSeconds { get; set; } = 3600;

    /// <summary>An open circuit closes by itself after this long (or at once with kafka-agent reset).</summary>
    [ConfigurationKeyName("cool_off_seconds")]
    public double CoolOffSeconds { get; set; } = 21600;

    /// <summary>One attempt of one action (a stop waits up to the service's stop timeout inside it).</summary>
    [ConfigurationKeyName("action_timeout_seconds")]
    public double ActionTimeoutSeconds { get; set; } = 180;

    /// <summary>Retries of an attempt that failed for a transient reason, with exponential backoff and jitter.</summary>
    [ConfigurationKeyName("retries")]
    public int Retries { get; set; } = 2;

    [ConfigurationKeyName("retry_delay_seconds")]
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>How long the re-run probes may take to see the fix before the action counts as failed.</summary>
    [ConfigurationKeyName("verify_timeout_seconds")]
    public double VerifyTimeoutSeconds { get; set; } = 60;

    /// <summary>This many brokers missing from /brokers/ids at once is a mass failure: disruptive actions alert only.</summary>
    [ConfigurationKeyName("mass_failure_brokers")]
    public int MassFailureBrokers { get; set; } = 2;

    /// <summary>wait | delete: what start_kafka does about the registration a killed broker left (see README).</summary>
    [ConfigurationKeyName("stale_registration")]
    public string StaleRegistration { get; set; } = "delete";
}

/// <summary>Seconds a finding must hold before each action; a definitive event (the process exited) acts at once.</summary>
internal sealed class HealGraceOptions
{
    [ConfigurationKeyName("start_zookeeper")]
    public double StartZooKeeper { get; set; }

    /// <summary>Never less than the local ZooKeeper's tickTime x initLimit.</summary>
    [ConfigurationKeyName("restart_zookeeper")]
    public double RestartZooKeeper { get; set; } = 30;

    [ConfigurationKeyName("clean_app_logs")]
    public double CleanAppLogs { get; set; }

    [ConfigurationKeyName("purge_zookeeper_data")]
    public double PurgeZooKeeperData { get; set; }

    /// <summary>Tier 3 stops Kafka and deletes partition copies: only for a log dir critical this long.</summary>
    [ConfigurationKeyName("reclaim_log_dirs")]
    public double ReclaimLogDirs { get; set; } = 300;

    [ConfigurationKeyName("fix_ownership")]
    public double FixOwnership { get; set; }

    [ConfigurationKeyName("start_kafka")]
    public double StartKafka { get; set; } = 10;

    [ConfigurationKeyName("restart_kafka")]
    public double RestartKafka { get; set; } = 60;

    public IEnumerable<(string Action, double Seconds)> Each()
    {
        yield return ("start_zookeeper", StartZooKeeper);
        yield return ("restart_zookeeper", RestartZooKeeper);
        yield return ("clean_app_logs", CleanAppLogs);
        yield return ("purge_zookeeper_data", PurgeZooKeeperData);
        yield return ("reclaim_log_dirs", ReclaimLogDirs);
        yield return ("fix_ownership", FixOwnership);
        yield return ("start_kafka", StartKafka);
        yield return ("restart_kafka", RestartKafka);
    }
}
