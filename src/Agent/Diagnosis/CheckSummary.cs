namespace KafkaAgent.Diagnosis;

/// <summary>The one-line form of a report: first line of `check` (what Nagios shows) and systemd's STATUS=.</summary>
internal static class CheckSummary
{
    public static string StatusLine(DiagnosisReport report)
    {
        var status = CheckStatuses.Label(report.Overall);
        var problems = report.Findings.Where(f => f.Severity != Severity.Info).ToList();
        if (problems.Count > 0)
        {
            var first = problems.OrderByDescending(f => f.Severity).First();
            var more = problems.Count > 1 ? $" (+{problems.Count - 1} more: {string.Join(", ", problems.Skip(1).Select(f => f.Id).Distinct())})" : "";
            return $"{status}: {first.Id}: {first.Summary}{more}";
        }

        var unknown = report.Checks.Where(c => c.Status == CycleStatus.Unknown).Select(c => c.Check).ToList();
        if (unknown.Count > 0)
        {
            return $"{status}: cannot tell {string.Join(", ", unknown)}";
        }

        var info = report.Findings.FirstOrDefault();
        return info is null ? $"{status}: {report.Checks.Count} checks passed" : $"{status}: {report.Checks.Count} checks passed; {info.Summary}";
    }
}
