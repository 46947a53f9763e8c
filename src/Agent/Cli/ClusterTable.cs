using System.Globalization;
using System.Text;
using KafkaAgent.Coordination;

namespace KafkaAgent.Cli;

/// <summary>The human form of `cluster`: a summary line, one row per broker, the lock, and brokers not seen.</summary>
internal static class ClusterTable
{
    public static string Render(ClusterView view)
    {
        var text = new StringBuilder();
        var agents = view.Brokers.Count(b => b.AgentUp);
        var controller = view.ControllerId is { } c ? c.ToString(CultureInfo.InvariantCulture) : "none";
        text.AppendLine(Invariant($"kafka-agent cluster: {view.Brokers.Count} brokers, {agents} agents up, controller {controller}, lock {(view.Lock.Holder is null ? "free" : "held")}"));
        text.AppendLine();
        text.AppendLine(Invariant($"{"BROKER",-8}{"KAFKA",-14}{"AGENT",-12}{"STATUS",-10}{"MODE",-9}{"PAUSED",-8}{"FINDINGS",-36}LAST ACTION"));
        foreach (var b in view.Brokers)
        {
            var id = b.BrokerId.ToString(CultureInfo.InvariantCulture) + (b.Controller ? "*" : "");
            var kafka = b.Registered ? "registered" : "unregistered";
            var r = b.Report;
            var agent = !b.AgentUp ? "agent down" : r is null ? "unreadable" : "up";
            var findings = r is null || r.Findings.Count == 0 ? "-" : string.Join(',', r.Findings);
            var last = r is { LastActions.Count: > 0 } ? $"{r.LastActions[^1].Action} {r.LastActions[^1].Result} {Time(r.LastActions[^1].AtMs)}" : "-";
            var paused = r is null ? "-" : r.Paused ? "yes" : "no";
            text.AppendLine(Invariant($"{id,-8}{kafka,-14}{agent,-12}{r?.Status ?? "-",-10}{r?.Mode ?? "-",-9}{paused,-8}{findings,-36}{last}"));
        }

        text.AppendLine();
        text.AppendLine(LockLine(view.Lock));
        if (view.UnseenExpectedBrokers > 0)
        {
            text.AppendLine(Invariant($"{view.UnseenExpectedBrokers} of {view.ExpectedBrokers} expected brokers not seen (not registered, no agent report)"));
        }

        text.AppendLine("* controller");
        return text.ToString();
    }

    private static string LockLine(ClusterLockState state)
    {
        if (state.Holder is not { } h)
        {
            return "lock: free";
        }

        var line = Invariant($"lock: held by {h.Host} (broker {h.BrokerId}) for {h.Action} since {Time(state.HolderSinceMs)}, session 0x{state.HolderSession:x}");
        return state.Waiting.Count == 0
            ? line
            : line + "; waiting: " + string.Join(", ", state.Waiting.Select(w => Invariant($"{w.Host} (broker {w.BrokerId}) {w.Action}")));
    }

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
