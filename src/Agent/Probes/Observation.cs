using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Probes;

/// <summary>Everything one pass of the probes saw; the only input of the diagnosis.</summary>
internal sealed record Observation(
    ProbeOutcome<ZooKeeperFacts> ZooKeeper,
    ProbeOutcome<MembershipFacts> Membership,
    ProbeOutcome<KafkaServiceFacts> KafkaService,
    ProbeOutcome<KafkaApiFacts> KafkaApi,
    ProbeOutcome<DiskFacts> Disk,
    ProbeOutcome<OwnershipFacts> Ownership);
