using System.Globalization;
using System.Text;

namespace KafkaAgent.Sandbox.Config;

// Independent of the agent's parser on purpose: a shared bug would hide; Sandbox.Tests/Parity runs both over one input set.
/// <summary>Parses the java.util.Properties text format that Kafka's server.properties uses.</summary>
internal static class JavaProperties
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var logical in LogicalLines(text))
        {
            var (key, value) = SplitKeyValue(logical);
            result[Unescape(key)] = Unescape(value);
        }
        return result;
    }

    // A line ending in an odd number of backslashes continues on the next line, whose leading
    // white space is dropped (java.util.Properties.load semantics).
    private static IEnumerable<string> LogicalLines(string text)
    {
        var builder = new StringBuilder();
        var continuing = false;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = continuing ? raw.TrimStart(' ', '\t', '\f') : raw.TrimStart(' ', '\t', '\f');
            if (!continuing && (line.Length == 0 || line[0] == '#' || line[0] == '!'))
            {
                continue;
            }
            var trailing = 0;
            for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
            {
                trailing++;
            }
            if (trailing % 2 == 1)
            {
                builder.Append(line, 0, line.Length - 1);
                continuing = true;
                continue;
            }
            builder.Append(line);
            continuing = false;
            yield return builder.ToString();
            builder.Clear();
        }
        if (builder.Length > 0)
        {
            yield return builder.ToString();
        }
    }

    private static (string Key, string Value) SplitKeyValue(string line)
    {
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }
            i++;
        }
        var key = line[..Math.Min(i, line.Length)];
        var rest = i < line.Length ? line[i..] : string.Empty;
        rest = rest.TrimStart(' ', '\t', '\f');
        if (rest.Length > 0 && rest[0] is '=' or ':')
        {
            rest = rest[1..].TrimStart(' ', '\t', '\f');
        }
        return (key, rest);
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }
        var builder = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c != '\\' || i + 1 >= s.Length)
            {
                builder.Append(c);
                continue;
            }
            var next = s[++i];
            switch (next)
            {
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case 'u' when i + 4 < s.Length:
                    builder.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: builder.Append(next); break;
            }
        }
        return builder.ToString();
    }
}
