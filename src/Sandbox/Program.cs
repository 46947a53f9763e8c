using KafkaAgent.Sandbox.Broker;
using KafkaAgent.Sandbox.Orchestration;

// kafka-sandbox up|down|status|fault|watch  the sandbox orchestrator (scripts/sandbox)
// kafka-sandbox broker ...            the Kafka broker stand-in (foreground), what a host's bin/ scripts run
return args.FirstOrDefault() switch
{
    "broker" => await BrokerCommand.RunAsync(args[1..]),
    "up" or "down" or "status" or "fault" or "watch" => await SandboxCommand.RunAsync(args, SandboxDirectory.FromEnvironment(), Console.Out, Console.Error),
    "--help" or "-h" or "help" => Usage(Console.Out, 0),
    _ => Usage(Console.Error, 64),
};

static int Usage(TextWriter to, int exitCode)
{
    to.WriteLine(SandboxUsage.Text);
    return exitCode;
}
