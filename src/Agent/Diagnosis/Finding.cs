namespace KafkaAgent.Diagnosis;

internal enum Severity
{
    /// <summary>Worth knowing, not a fault (an operator's stop).</summary>
    Info,
    Warning,
    Critical,
}

/// <summary>Something wrong (or notable) on this host. <see cref="Id"/> is stable: alerts and remediations key on it.</summary>
/// <param name="Summary">One line for a human.</param>
/// <param name="Evidence">The facts behind it, for --json, logs and the remediation planner.</param>
internal sealed record Finding(string Id, Severity Severity, string Summary, IReadOnlyDictionary<string, string> Evidence)
{
    public static Finding Of(string id, Severity severity, string summary, params (string Key, object? Value)[] evidence) =>
        new(id, severity, summary, evidence.ToDictionary(e => e.Key, e => Convert.ToString(e.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
}
