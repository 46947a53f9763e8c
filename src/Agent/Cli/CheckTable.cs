using System.Globalization;
using System.Text;
using KafkaAgent.Diagnosis;

namespace KafkaAgent.Cli;

/// <summary>
/// The human form of a check: the status line first (Nagios shows only the first line), then one row per
/// check, then the findings with their evidence.
/// </summary>
internal static class CheckTable
{
    public static string Render(DiagnosisReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(NagiosLine(report));
        text.AppendLine();
        var width = report.Checks.Max(c => c.Check.Length) + 2;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"CHECK".PadRight(width)}{"STATUS",-10}{"TIME",8}  SUMMARY"));
        foreach (var c in report.Checks)
        {
            var ms = string.Create(CultureInfo.InvariantCulture, $"{c.Duration.TotalMilliseconds:0} ms");
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{c.Check.PadRight(width)}{CheckStatuses.Label(c),-10}{ms,8}  {c.Summary}"));
        }

        var findings = report.Findings.ToList();
        if (findings.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("FINDINGS");
            foreach (var f in findings.OrderByDescending(f => f.Severity))
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Severity.ToString().ToUpperInvariant(),-9} {f.Id}: {f.Summary}"));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The status line with its performance data after '|'. A '|' inside the text would start the performance
    /// data early, so it is replaced.
    /// </summary>
    public static string NagiosLine(DiagnosisReport report) =>
        CheckSummary.StatusLine(report).Replace('|', '/') + PerformanceData.Suffix(report.Performance ?? []);
}
