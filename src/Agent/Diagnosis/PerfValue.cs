using System.Globalization;

namespace KafkaAgent.Diagnosis;

/// <summary>
/// One Nagios performance-data item: <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>, as the plugin development
/// guidelines define it. Empty thresholds are written as empty fields so graphers keep the positions.
/// </summary>
internal sealed record PerfValue(string Label, double Value, string Unit = "", double? Warn = null, double? Crit = null, double? Min = null, double? Max = null)
{
    public override string ToString()
    {
        // Labels with spaces, '=' or quotes must be single-quoted; a quote inside is doubled.
        var label = Label.IndexOfAny([' ', '=', '\'']) >= 0 ? "'" + Label.Replace("'", "''", StringComparison.Ordinal) + "'" : Label;
        return string.Create(CultureInfo.InvariantCulture, $"{label}={Number(Value)}{Unit};{Number(Warn)};{Number(Crit)};{Number(Min)};{Number(Max)}");
    }

    private static string Number(double? value) =>
        value is { } v ? Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture) : "";
}
