using System.CommandLine;
using KafkaAgent.Composition;
using KafkaAgent.Cycle;
using KafkaAgent.Events;
using KafkaAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KafkaAgent.Cli;

/// <summary>
/// <c>kafka-agent run</c>: the daemon. Everything it runs is wired in <see cref="AgentHost"/>; SIGHUP
/// (<c>systemctl reload</c>) re-reads agent.yaml through <see cref="ReloadingRun"/>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = ConfigOption.Create();
        var command = new Command("run", "Run the agent as a daemon (what the systemd unit and the Windows service start).") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Validate before the host exists: a bad agent.yaml exits 78 with one line, nothing started.
            var settings = ConfigOption.Load(parse.GetValue(config)!, parse.InvocationConfiguration.Error);
            if (settings is null)
            {
                return Configuration.ConfigurationException.ExitCode;
            }

            if (MetricsPortCheck.Problem(settings) is { } busy)
            {
                parse.InvocationConfiguration.Error.WriteLine($"kafka-agent: configuration error: {busy}");
                return Configuration.ConfigurationException.ExitCode;
            }

            var path = parse.GetValue(config)!;
            return await ReloadingRun.RunAsync(
                settings,
                (current, gate) => AgentHost.Build(builder =>
                {
                    builder.Services.AddSingleton(gate);
                    builder.Services.AddAgent(current).AddEventDetection(current);
                    AgentLogging.Configure(builder.Services, current.LogFormat);
                }),
                () => (ConfigOption.TryLoad(path, out var problem), problem),
                cancellationToken);
        });
        return command;
    }
}
