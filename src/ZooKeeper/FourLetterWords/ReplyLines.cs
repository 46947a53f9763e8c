using System.Globalization;

namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>Splits the line-oriented answers of srvr ("Key: value"), mntr ("key\tvalue") and conf ("key=value").</summary>
internal static class ReplyLines
{
    /// <summary>Key/value pairs split at the first <paramref name="separator"/>; the first occurrence of a key wins.</summary>
    public static Dictionary<string, string> Split(string text, string separator)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0)
            {
                values.TryAdd(line[..at].Trim(), line[(at + separator.Length)..].Trim());
            }
        }

        return values;
    }

    public static long? Int64(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static double? Double(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static string Require(IReadOnlyDictionary<string, string> values, string key, string command) =>
        values.TryGetValue(key, out var text)
            ? text
            : throw new FormatException($"{command} answer has no '{key}' line");

    public static long RequireInt64(IReadOnlyDictionary<string, string> values, string key, string command) =>
        Int64(values, key) ?? throw new FormatException($"{command} answer has no integer '{key}' (got '{values.GetValueOrDefault(key)}')");
}
