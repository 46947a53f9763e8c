using System.Globalization;
using System.Text;

namespace KafkaAgent.Configuration.Discovery;

// The broker stand-in keeps its own parser on purpose; Sandbox.Tests/Parity/ParserParityTests runs both over one input set.
/// <summary>
/// Reads the java.util.Properties text format that Kafka's server.properties and ZooKeeper's zoo.cfg use:
/// <c>#</c>/<c>!</c> comments, <c>=</c>, <c>:</c> or blank separators, backslash continuations and escapes.
/// </summary>
internal static class JavaProperties
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var logical = lines[i].TrimStart(' ', '\t', '\f');
            if (logical.Length == 0 || logical[0] is '#' or '!')
            {
                continue;
            }

            // A line ending in an odd number of backslashes continues on the next one.
            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical = logical[..^1] + lines[++i].TrimStart(' ', '\t', '\f');
            }

            var (key, value) = Split(logical);
            result[key] = value;
        }

        return result;
    }

    /// <summary>Reads a properties file; errors name the file and are configuration errors.</summary>
    public static IReadOnlyDictionary<string, string> Load(string path, string key)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var what = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read it ({ex.Message})";
            throw new ConfigurationException($"{key}: {path}: {what}", ex);
        }
    }

    private static bool EndsWithContinuation(string line)
    {
        var count = 0;
        for (var j = line.Length - 1; j >= 0 && line[j] == '\\'; j--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static (string Key, string Value) Split(string line)
    {
        var key = new StringBuilder();
        var i = 0;
        for (; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                i = Unescape(line, i, key);
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }

            key.Append(c);
        }

        // Skip blanks, at most one '=' or ':', then blanks again.
        while (i < line.Length && line[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        if (i < line.Length && line[i] is '=' or ':')
        {
            i++;
        }

        while (i < line.Length && line[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        var value = new StringBuilder();
        for (; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                i = Unescape(line, i, value);
                continue;
            }

            value.Append(line[i]);
        }

        return (key.ToString(), value.ToString().TrimEnd());
    }

    private static int Unescape(string line, int backslash, StringBuilder into)
    {
        var c = line[backslash + 1];
        switch (c)
        {
            case 't': into.Append('\t'); break;
            case 'n': into.Append('\n'); break;
            case 'r': into.Append('\r'); break;
            case 'f': into.Append('\f'); break;
            case 'u' when backslash + 5 < line.Length
                && int.TryParse(line.AsSpan(backslash + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                into.Append((char)code);
                return backslash + 5;
            default: into.Append(c); break;
        }

        return backslash + 1;
    }
}
