using System.CommandLine;

namespace KafkaAgent.Cli;

/// <summary>The verbs operators type; each verb lives in its own file.</summary>
internal static class AgentCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("kafka-agent: a self-healing agent for Apache Kafka brokers (ZooKeeper mode).");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(StateCommands.Pause());
        root.Subcommands.Add(StateCommands.Resume());
        root.Subcommands.Add(StateCommands.Reset());
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(ScanOwnershipCommand.Create());
        root.Subcommands.Add(LockHoldCommand.Create());
        root.Subcommands.Add(FixOwnershipCommand.Create());
        return root;
    }
}
