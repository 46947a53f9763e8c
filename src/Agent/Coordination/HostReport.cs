using System.Text.Json;

namespace KafkaAgent.Coordination;

/// <summary>One remediation as a host report shows it.</summary>
/// <param name="Result">success, failure, or the skip reason (lock, min_isr, recovery...).</param>
/// <param name="AtMs">When, milliseconds since the epoch.</param>
internal sealed record HostAction(string Action, string Result, long AtMs);

/// <summary>
/// What an agent tells the rest of the cluster about its host: the last cycle's status and findings, the last
/// actions, open circuits, whether it is paused, its version. Published as the ephemeral
/// <c>&lt;chroot&gt;/kafka-agent/hosts/&lt;broker.id&gt;</c> (gone when the agent is), read by <c>kafka-agent cluster</c>.
/// </summary>
/// <param name="Status">OK, WARNING, CRITICAL or UNKNOWN (the check's status).</param>
/// <param name="Findings">Finding ids, e.g. broker.unregistered.</param>
/// <param name="OpenCircuits">Actions whose circuit is open.</param>
/// <param name="PausedUntilMs">End of the pause, milliseconds since the epoch; null when not paused.</param>
/// <param name="Mode">heal or observe.</param>
/// <param name="ChangedAtMs">When the content last changed (set by the publisher; not a heartbeat).</param>
internal sealed record HostReport(
    int BrokerId,
    string Host,
    string Status,
    IReadOnlyList<string> Findings,
    IReadOnlyList<HostAction> LastActions,
    IReadOnlyList<string> OpenCircuits,
    bool Paused,
    long? PausedUntilMs,
    string Version,
    string Mode,
    long ChangedAtMs = 0)
{
    /// <summary>The node stays small: a cluster of many brokers reads every one of them in one `cluster` call.</summary>
    public const int MaxBytes = 4096;
    public const int MaxFindings = 20;
    public const int MaxActions = 10;
    public const int MaxCircuits = 10;
    public const int MaxText = 120;

    /// <summary>The report cut to its bounds: lists to their maximum (newest actions kept), texts to <see cref="MaxText"/>.</summary>
    public HostReport Bounded()
    {
        static string Cut(string text) => text.Length <= MaxText ? text : text[..MaxText];
        var bounded = this with
        {
            Host = Cut(Host),
            Status = Cut(Status),
            Findings = Findings.Take(MaxFindings).Select(Cut).ToList(),
            LastActions = LastActions.TakeLast(MaxActions).Select(a => a with { Action = Cut(a.Action), Result = Cut(a.Result) }).ToList(),
            OpenCircuits = OpenCircuits.Take(MaxCircuits).Select(Cut).ToList(),
            Version = Cut(Version),
            Mode = Cut(Mode),
        };

        // Every field is bounded, so this holds already; kept as a guard if fields are added later.
        while (bounded.ToBytes().Length > MaxBytes && bounded.Findings.Count > 0)
        {
            bounded = bounded with { Findings = bounded.Findings.Take(bounded.Findings.Count - 1).ToList() };
        }

        return bounded;
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, CoordinationJson.Default.HostReport);

    /// <summary>Null when the data is not a host report (written by something else, or a newer agent's incompatible form).</summary>
    public static HostReport? TryParse(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, CoordinationJson.Default.HostReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Content equality for "rewritten only when it changes" (records compare lists by reference).</summary>
    public bool SameContent(HostReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (this with { ChangedAtMs = 0 }).ToBytes().AsSpan().SequenceEqual((other with { ChangedAtMs = 0 }).ToBytes());
    }
}
