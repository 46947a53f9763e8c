namespace KafkaAgent.Configuration;

/// <summary>The validated heal: section.</summary>
/// <param name="Grace">Action name to the time its finding must hold first.</param>
internal sealed record HealSettings(
    IReadOnlyDictionary<string, TimeSpan> Grace,
    int BudgetAttempts,
    TimeSpan BudgetWindow,
    TimeSpan CoolOff,
    TimeSpan ActionTimeout,
    int Retries,
    TimeSpan RetryDelay,
    TimeSpan VerifyTimeout,
    int MassFailureBrokers,
    StaleRegistrationStrategy StaleRegistration = StaleRegistrationStrategy.Delete)
{
    public static HealSettings From(HealOptions o) => new(
        o.GraceSeconds.Each().ToDictionary(g => g.Action, g => TimeSpan.FromSeconds(g.Seconds), StringComparer.Ordinal),
        o.BudgetAttempts,
        TimeSpan.FromSeconds(o.BudgetWindowSeconds),
        TimeSpan.FromSeconds(o.CoolOffSeconds),
        TimeSpan.FromSeconds(o.ActionTimeoutSeconds),
        o.Retries,
        TimeSpan.FromSeconds(o.RetryDelaySeconds),
        TimeSpan.FromSeconds(o.VerifyTimeoutSeconds),
        o.MassFailureBrokers,
        Enum.Parse<StaleRegistrationStrategy>(o.StaleRegistration, ignoreCase: true));

    public static HealSettings Default { get; } = From(new HealOptions());

    public TimeSpan GraceFor(string action) => Grace.TryGetValue(action, out var g) ? g : TimeSpan.Zero;
}
