using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KafkaAgent.Configuration;

/// <summary>
/// Turns agent.yaml into configuration keys ("kafka:service:name") and remembers the line of each key,
/// so that errors can point at it. Empty values (<c>key:</c> or <c>~</c>) mean "unset".
/// </summary>
internal static class YamlFlattener
{
    public static IReadOnlyDictionary<string, (string? Value, int Line)> Flatten(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException($"{file}:{ex.Start.Line}: not valid YAML: {FirstLine(ex.Message)}", ex);
        }

        var result = new Dictionary<string, (string?, int)>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigurationException($"{file}:1: the top level must be a mapping of keys");
        }

        Visit(root, prefix: null, result, file);
        return result;
    }

    private static void Visit(YamlNode node, string? prefix, Dictionary<string, (string?, int)> result, string file)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var name = (keyNode as YamlScalarNode)?.Value;
                    if (string.IsNullOrEmpty(name))
                    {
                        throw new ConfigurationException($"{file}:{keyNode.Start.Line}: keys must be plain names");
                    }

                    var key = prefix is null ? name : $"{prefix}:{name}";
                    if (result.ContainsKey(key))
                    {
                        throw new ConfigurationException($"{file}:{keyNode.Start.Line}: key '{OptionsSchema.Display(key)}' is given twice");
                    }

                    if (valueNode is YamlMappingNode { Children.Count: 0 } or YamlSequenceNode { Children.Count: 0 })
                    {
                        result[key] = (null, (int)keyNode.Start.Line);
                        continue;
                    }

                    Visit(valueNode, key, result, file);
                    if (valueNode is YamlScalarNode)
                    {
                        result[key] = (result[key].Item1, (int)keyNode.Start.Line);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Visit(sequence.Children[i], $"{prefix}:{i.ToString(CultureInfo.InvariantCulture)}", result, file);
                }

                break;
            case YamlScalarNode scalar:
                var isNull = scalar.Style == ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null");
                result[prefix!] = (isNull ? null : scalar.Value, (int)scalar.Start.Line);
                break;
            default:
                throw new ConfigurationException($"{file}:{node.Start.Line}: unsupported YAML node at '{OptionsSchema.Display(prefix ?? "")}'");
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
