namespace KafkaAgent.Diagnosis;

/// <summary>One row of `kafka-agent check`: a runbook check, its status, one line, and the findings behind it.</summary>
/// <param name="Skipped">
/// Not judged because another check already explains it (the Kafka API while Kafka is not running): its status is
/// Unknown, never OK, and it does not count towards the overall status.
/// </param>
internal sealed record CheckResult(string Check, CycleStatus Status, string Summary, IReadOnlyList<Finding> Findings, TimeSpan Duration, bool Skipped = false)
{
    /// <summary>The status its findings imply: the worst severity, Info counting as OK.</summary>
    public static CycleStatus StatusOf(IEnumerable<Finding> findings) =>
        findings.Select(f => f.Severity switch
        {
            Severity.Critical => CycleStatus.Critical,
            Severity.Warning => CycleStatus.Warning,
            _ => CycleStatus.Ok,
        }).Aggregate(CycleStatus.Ok, CheckStatuses.Worst);
}

/// <summary>The Nagios states, ordered as Icinga orders them: OK &lt; WARNING &lt; UNKNOWN &lt; CRITICAL.</summary>
internal static class CheckStatuses
{
    public static CycleStatus Worst(CycleStatus a, CycleStatus b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>The label of a row: SKIPPED for a skipped check, else its status.</summary>
    public static string Label(CheckResult check) => check.Skipped ? "SKIPPED" : Label(check.Status);

    public static string Label(CycleStatus status) => status switch
    {
        CycleStatus.Ok => "OK",
        CycleStatus.Warning => "WARNING",
        CycleStatus.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };

    private static int Rank(CycleStatus status) => status switch
    {
        CycleStatus.Ok => 0,
        CycleStatus.Warning => 1,
        CycleStatus.Unknown => 2,
        _ => 3,
    };
}
