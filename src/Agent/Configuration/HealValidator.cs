namespace KafkaAgent.Configuration;

/// <summary>Range checks for mode, state_dir and the heal: section.</summary>
internal static class HealValidator
{
    public static IEnumerable<(string Key, string Problem)> Validate(AgentOptions o)
    {
        if (!Enum.TryParse<AgentMode>(o.Mode, ignoreCase: true, out _) || int.TryParse(o.Mode, out _))
        {
            yield return ("mode", $"'{o.Mode}' is not one of heal, observe");
        }

        if (!Path.IsPathRooted(o.StateDir))
        {
            yield return ("state_dir", $"'{o.StateDir}' is not an absolute path");
        }

        var h = o.Heal;
        foreach (var (action, seconds) in h.GraceSeconds.Each())
        {
            if (seconds is < 0 or > 86400)
            {
                yield return ($"heal:grace_seconds:{action}", $"must be between 0 and 86400 (got {seconds})");
            }
        }

        if (h.BudgetAttempts is < 1 or > 100)
        {
            yield return ("heal:budget_attempts", $"must be between 1 and 100 (got {h.BudgetAttempts})");
        }

        if (h.BudgetWindowSeconds is < 60 or > 604800)
        {
            yield return ("heal:budget_window_seconds", $"must be between 60 and 604800 (got {h.BudgetWindowSeconds})");
        }

        if (h.CoolOffSeconds < h.BudgetWindowSeconds)
        {
            // Otherwise a circuit would close while the attempts that opened it still count, and reopen at once.
            yield return ("heal:cool_off_seconds", $"must be at least heal.budget_window_seconds ({h.CoolOffSeconds} < {h.BudgetWindowSeconds})");
        }

        if (h.ActionTimeoutSeconds is < 1 or > 3600)
        {
            yield return ("heal:action_timeout_seconds", $"must be between 1 and 3600 (got {h.ActionTimeoutSeconds})");
        }

        if (h.Retries is < 0 or > 10)
        {
            yield return ("heal:retries", $"must be between 0 and 10 (got {h.Retries})");
        }

        if (h.RetryDelaySeconds is < 0 or > 600)
        {
            yield return ("heal:retry_delay_seconds", $"must be between 0 and 600 (got {h.RetryDelaySeconds})");
        }

        if (h.VerifyTimeoutSeconds is < 1 or > 3600)
        {
            yield return ("heal:verify_timeout_seconds", $"must be between 1 and 3600 (got {h.VerifyTimeoutSeconds})");
        }

        if (h.MassFailureBrokers < 1)
        {
            yield return ("heal:mass_failure_brokers", $"must be 1 or more (got {h.MassFailureBrokers})");
        }

        if (!Enum.TryParse<StaleRegistrationStrategy>(h.StaleRegistration, ignoreCase: true, out _) || int.TryParse(h.StaleRegistration, out _))
        {
            yield return ("heal:stale_registration", $"'{h.StaleRegistration}' is not one of wait, delete");
        }

        if (h.ActionTimeoutSeconds + h.VerifyTimeoutSeconds > o.CycleTimeoutSeconds / 2)
        {
            yield return ("heal:action_timeout_seconds",
                $"{h.ActionTimeoutSeconds} s plus heal.verify_timeout_seconds ({h.VerifyTimeoutSeconds} s) must be at most half of cycle_timeout_seconds ({o.CycleTimeoutSeconds} s)");
        }
    }
}
