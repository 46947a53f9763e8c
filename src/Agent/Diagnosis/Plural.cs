using System.Globalization;

namespace KafkaAgent.Diagnosis;

/// <summary>"1 broker", "3 brokers": counts in operator-facing text.</summary>
internal static class Plural
{
    public static string Of(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural ?? singular + "s")}");
}
