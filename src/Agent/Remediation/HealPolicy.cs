using KafkaAgent.Configuration;

namespace KafkaAgent.Remediation;

/// <summary>What the planner needs beyond findings and state: the mode, the heal settings, and what this host runs.</summary>
/// <param name="HostRunsZooKeeper">True when this host has a local ZooKeeper config (only then are ZooKeeper actions planned).</param>
/// <param name="ZooKeeperJoinGrace">tickTime x initLimit of the local ZooKeeper: the least grace before restarting a hung one.</param>
internal sealed record HealPolicy(AgentMode Mode, HealSettings Heal, bool HostRunsZooKeeper, TimeSpan ZooKeeperJoinGrace, string KafkaService, string ZooKeeperService)
{
    /// <summary>disk.reclaim_replicated: tier 3 (reclaim_log_dirs) is planned for a critical log dir.</summary>
    public bool ReclaimReplicated { get; init; }
}
