using KafkaAgent.Sandbox.Config;
using KafkaAgent.Sandbox.Logging;
using KafkaAgent.Sandbox.Native;
using Microsoft.Extensions.Logging;

namespace KafkaAgent.Sandbox.Broker;

/// <summary>
/// <c>kafka-sandbox broker [--user NAME] server.properties</c>: the stand-in in the foreground, like
/// kafka-server-start.sh. Started as root with --user it becomes that user before touching any file.
/// </summary>
internal static class BrokerCommand
{
    private static readonly HashSet<string> KnownKeys =
    [
        "broker.id", "log.dirs", "log.dir", "listeners", "advertised.listeners", "listener.security.protocol.map",
        "zookeeper.connect", "zookeeper.session.timeout.ms", "zookeeper.connection.timeout.ms", "broker.rack",
        "num.partitions", "default.replication.factor", "offsets.topic.replication.factor", "auto.create.topics.enable",
        "ssl.keystore.location", "ssl.keystore.type", "ssl.keystore.password", "ssl.key.password", "ssl.client.auth",
        "ssl.truststore.location", "ssl.truststore.type",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        string? user = null;
        string? path = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--user" && i + 1 < args.Length)
            {
                user = args[++i];
            }
            else if (args[i] is "--help" or "-h")
            {
                await Console.Out.WriteLineAsync("USAGE: kafka-sandbox broker [--user NAME] server.properties");
                return 0;
            }
            else if (args[i] == "-daemon")
            {
                // accepted for kafka-server-start.sh compatibility; the start script backgrounds us
            }
            else
            {
                path = args[i];
            }
        }
        if (path is null)
        {
            await Console.Error.WriteLineAsync("USAGE: kafka-sandbox broker [--user NAME] server.properties");
            return 1;
        }
        if (user is not null && LibC.geteuid() == 0)
        {
            var account = UserAccount.Find(user);
            if (account is null)
            {
                await Console.Error.WriteLineAsync($"error: user '{user}' does not exist (given with --user)");
                return 1;
            }
            account.BecomeThisUser();
        }

        var time = TimeProvider.System;
        using var loggers = LoggerFactory.Create(b => b.ClearProviders().AddProvider(new KafkaLogFormatter(Console.Out, time, LogLevel.Information)));
        BrokerConfig config;
        try
        {
            config = BrokerConfig.Load(path);
        }
        catch (ConfigException e)
        {
            Log.FatalStartup(loggers.CreateLogger("kafka.Kafka$"), e);
            return 1;
        }
        var configLogger = loggers.CreateLogger("org.apache.kafka.clients.admin.AdminClientConfig");
        // listener.name.<name>.* and sasl.* are read per listener (SaslPlain), not from the fixed list.
        foreach (var key in JavaProperties.Parse(await File.ReadAllTextAsync(path)).Keys
                     .Where(k => !KnownKeys.Contains(k) && !k.StartsWith("listener.name.", StringComparison.Ordinal) && !k.StartsWith("sasl.", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            Log.UnknownConfig(configLogger, key);
        }

        using var stop = new CancellationTokenSource();
        // Kafka's LoggingSignalHandler: the signal is named in server.log before the shutdown hook runs.
        var signalLogger = loggers.CreateLogger("org.apache.kafka.common.utils.LoggingSignalHandler");
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            Log.TerminatingOnSignal(signalLogger, "SIGTERM");
            stop.Cancel();
        });
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            Log.TerminatingOnSignal(signalLogger, "SIGINT");
            stop.Cancel();
        });
        Log.SignalHandlersRegistered(signalLogger);
        return await new KafkaServer(config, loggers, time).RunAsync(stop.Token);
    }
}
