using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KafkaAgent.Configuration;

namespace KafkaAgent.Cli;

/// <summary>
/// <c>kafka-agent config [--json]</c>: validates agent.yaml as <c>run</c> would and prints every setting in use with
/// where it came from (default, agent.yaml line, environment variable, server.properties, discovery).
/// Exit 0 when valid; 78 with the one-line reason when not, so it can gate a deploy or a reload.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var config = ConfigOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the settings as JSON for machines." };
        var command = new Command("config", "Check agent.yaml and print the settings in use and where each came from.") { config, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(config)!;
            var settings = ConfigOption.TryLoad(path, out var problem);
            var output = parse.InvocationConfiguration.Output;
            if (settings is null)
            {
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(new ConfigJsonError("configuration error: " + problem), ConfigJsonContext.Default.ConfigJsonError));
                }
                else
                {
                    parse.InvocationConfiguration.Error.WriteLine($"kafka-agent: configuration error: {problem}");
                }

                return ConfigurationException.ExitCode;
            }

            output.Write(parse.GetValue(json)
                ? JsonSerializer.Serialize(new ConfigJson(settings.ConfigPath, settings.Sources), ConfigJsonContext.Default.ConfigJson) + Environment.NewLine
                : Render(settings));
            return 0;
        });
        return command;
    }

    public static string Render(AgentSettings settings)
    {
        var keyWidth = settings.Sources.Max(s => s.Key.Length);
        var valueWidth = Math.Min(48, settings.Sources.Max(s => s.Value.Length));
        var text = new StringBuilder($"{settings.ConfigPath}: valid{Environment.NewLine}");
        text.Append("KEY".PadRight(keyWidth)).Append("  ").Append("VALUE".PadRight(valueWidth)).Append("  SOURCE").AppendLine();
        foreach (var s in settings.Sources)
        {
            var value = s.Value.Length == 0 ? "-" : s.Value;
            text.Append(s.Key.PadRight(keyWidth)).Append("  ").Append(value.PadRight(valueWidth)).Append("  ").Append(s.Source).AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>The JSON form of <c>kafka-agent config --json</c>: {"config": path, "settings": [{key, value, source}]}.</summary>
internal sealed record ConfigJson(
    [property: JsonPropertyName("config")] string Config,
    [property: JsonPropertyName("settings")] IReadOnlyList<ResolvedSetting> Settings);

internal sealed record ConfigJsonError([property: JsonPropertyName("error")] string Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ConfigJson))]
[JsonSerializable(typeof(ConfigJsonError))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
