using System.CommandLine;
using KafkaAgent.Configuration;
using KafkaAgent.Composition;
using KafkaAgent.Cycle;
using KafkaAgent.Probes.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaAgent.Cli;

/// <summary>
/// <c>kafka-agent check [--json]</c>: one pass of every probe. Exit codes follow the Nagios plugin API
/// (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; 78 for a configuration error), so it drops into Nagios, Icinga and scripts.
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
            var settings = ConfigOption.Load(parse.GetValue(config)!, parse.InvocationConfiguration.Error);
            if (settings is null)
            {
                return ConfigurationException.ExitCode;
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
