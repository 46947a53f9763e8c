using KafkaAgent.Sandbox.Broker;
using KafkaAgent.Sandbox.Orchestration;

// kafka-sandbox broker ...            the Kafka broker stand-in (foreground)
// kafka-sandbox up|down|status|fault  the sandbox orchestrator (scripts/sandbox)
return args.FirstOrDefault() switch
{
    "broker" => await BrokerCommand.RunAsync(args[1..]),
    "up" or "down" or "status" or "fault" => await SandboxCommand.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: kafka-sandbox broker [--user NAME] server.properties");
    Console.Error.WriteLine("       kafka-sandbox up|down|status|fault NAME [ARGS] [--dir DIR]");
    return 64;
}
