using System.CommandLine;
using KafkaAgent.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KafkaAgent.Cli;

/// <summary><c>kafka-agent run</c>: the daemon. Everything it runs is wired in <see cref="AgentHost"/>.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the agent as a daemon (what the systemd unit and the Windows service start).");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = AgentHost.Build(_ => { });
            var exit = host.Services.GetRequiredService<AgentExit>();
            await host.RunAsync(cancellationToken);
            return exit.Code;
        });
        return command;
    }
}
