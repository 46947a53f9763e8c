using System.Text;
using System.Text.Json;
using KafkaAgent.Diagnosis;

namespace KafkaAgent.Cli;

/// <summary>The machine form of a check: status, exit code, checks with durations, and findings with evidence.</summary>
internal static class CheckJson
{
    public static string Render(DiagnosisReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("status", CheckStatuses.Label(report.Overall));
            json.WriteNumber("exit_code", (int)report.Overall);
            json.WriteString("summary", CheckSummary.StatusLine(report));
            json.WriteStartArray("checks");
            foreach (var check in report.Checks)
            {
                json.WriteStartObject();
                json.WriteString("check", check.Check);
                json.WriteString("status", CheckStatuses.Label(check));
                json.WriteString("summary", check.Summary);
                json.WriteNumber("duration_seconds", Math.Round(check.Duration.TotalSeconds, 4));
                json.WriteStartArray("findings");
                foreach (var finding in check.Findings)
                {
                    WriteFinding(json, finding);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    /// <summary>The JSON form of a check that could not run: UNKNOWN, exit code 3, and the one-line reason.</summary>
    public static string RenderError(string message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("status", CheckStatuses.Label(Diagnosis.CycleStatus.Unknown));
            json.WriteNumber("exit_code", (int)Diagnosis.CycleStatus.Unknown);
            json.WriteString("summary", message);
            json.WriteString("error", message);
            json.WriteStartArray("checks");
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("id", finding.Id);
        json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        json.WriteString("scope", FindingIds.ScopeOf(finding.Id));
        json.WriteString("summary", finding.Summary);
        json.WriteStartObject("evidence");
        foreach (var (key, value) in finding.Evidence)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
