using System.CommandLine;
using KafkaAgent.Composition;
using KafkaAgent.Configuration;
using KafkaAgent.Cycle;
using KafkaAgent.Probes.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaAgent.Cli;

/// <summary>
/// <c>kafka-agent check [--json]</c>: one pass of every probe. Exit codes follow the Nagios plugin API
/// (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), so it drops into Nagios, Icinga and scripts. A configuration error is
/// UNKNOWN with its one line on stdout, where Nagios reads it; only <c>run</c> uses systemd's 78.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var config = ConfigOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON for machines." };
        var command = new Command("check", "Run every check once, print the result, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
        {
            config,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var preload = KafkaApiProbe.PreloadAsync();
            var settings = ConfigOption.TryLoad(parse.GetValue(config)!, out var problem);
            if (settings is null)
            {
                output.Write(parse.GetValue(json) ? CheckJson.RenderError("configuration error: " + problem) : $"UNKNOWN: configuration error: {problem}{Environment.NewLine}");
                return (int)Diagnosis.CycleStatus.Unknown;
            }

            await using var services = new ServiceCollection()
                .AddLogging()
                .AddAgent(settings, metricsEndpoint: false, act: false)
                .BuildServiceProvider();
            var result = await services.GetRequiredService<IAgentCycle>().RunOnceAsync(cancellationToken);
            await preload;
            output.Write(parse.GetValue(json) ? CheckJson.Render(result.Report) : CheckTable.Render(result.Report));
            return (int)result.Summary.Status;
        });
        return command;
    }
}
