using System.CommandLine;
using System.Text.Json;
using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Cli;

/// <summary>
/// <c>kafka-agent cluster [--json]</c>: every broker's last report, read from the ensemble (the runbook's
/// parallel-ssh replaced), with who holds the lock for disruptive actions. Exit 0 when read, 3 (UNKNOWN) when the
/// ensemble cannot be reached, 78 for a configuration error.
/// </summary>
internal static class ClusterCommand
{
    public const int Unreachable = 3;

    public static Command Create()
    {
        var config = ConfigOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the view as JSON for machines." };
        var command = new Command("cluster", "Show every broker's agent report, the controller and the lock, read from ZooKeeper.")
        {
            config,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = ConfigOption.Load(parse.GetValue(config)!, parse.InvocationConfiguration.Error);
            if (settings is null)
            {
                return ConfigurationException.ExitCode;
            }

            ClusterView view;
            try
            {
                var timeout = settings.ZooKeeper.Timeout;
                await using var client = await ZooKeeperClient.ConnectAsync(
                    new ZooKeeperClientOptions { ConnectionString = settings.ZooKeeper.Connect.ConnectionString, ConnectTimeout = timeout, RequestTimeout = timeout },
                    cancellationToken);
                view = await ClusterViewReader.ReadAsync(client, settings.ExpectedBrokers, [settings.Kafka.BrokerId], cancellationToken);
            }
            catch (ZooKeeperException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"kafka-agent: cannot read the cluster from ZooKeeper {settings.ZooKeeper.Connect.ConnectionString}: {ex.Message}");
                return Unreachable;
            }

            var output = parse.InvocationConfiguration.Output;
            await output.WriteAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(view, CoordinationJson.Default.ClusterView) + Environment.NewLine
                : ClusterTable.Render(view));
            return 0;
        });
        return command;
    }
}
