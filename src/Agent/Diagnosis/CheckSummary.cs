namespace KafkaAgent.Diagnosis;

/// <summary>The one-line form of a report: first line of `check` (what Nagios shows) and systemd's STATUS=.</summary>
internal static class CheckSummary
{
    public static string StatusLine(DiagnosisReport report)
    {
        var status = CheckStatuses.Label(report.Overall);
        // One sorted list feeds both the headline and "+N more", so the headline is never repeated and nothing is
        // dropped; the sort is stable, so findings of equal severity keep the check order an operator walks.
        var problems = report.Findings.Where(f => f.Severity != Severity.Info).OrderByDescending(f => f.Severity).ToList();
        if (problems.Count > 0)
        {
            var first = problems[0];
            return $"{status}: {first.Id}: {first.Summary}{More(problems.Skip(1).ToList())}";
        }

        var unknown = report.Checks.Where(c => c.Status == CycleStatus.Unknown && !c.Skipped).Select(c => c.Check).ToList();
        if (unknown.Count > 0)
        {
            return $"{status}: cannot tell {string.Join(", ", unknown)}";
        }

        var skipped = report.Checks.Count(c => c.Skipped);
        var passed = Plural.Of(report.Checks.Count - skipped, "check") + " passed" + (skipped > 0 ? $", {skipped} skipped" : "");
        var info = report.Findings.FirstOrDefault();
        return info is null ? $"{status}: {passed}" : $"{status}: {passed}; {info.Summary}";
    }

    /// <summary>" (+N more: a, b x2)": N counts findings, each id is named once with its count when repeated.</summary>
    private static string More(List<Finding> rest)
    {
        if (rest.Count == 0)
        {
            return "";
        }

        var names = rest.GroupBy(f => f.Id, StringComparer.Ordinal)
            .Select(g => g.Count() > 1 ? $"{g.Key} x{g.Count()}" : g.Key);
        return $" (+{rest.Count} more: {string.Join(", ", names)})";
    }
}
