using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Probes;

/// <summary>One pass of every probe, run concurrently: a pass takes as long as its slowest probe.</summary>
internal sealed class AgentObserver(
    IProbe<ZooKeeperFacts> zooKeeper,
    IProbe<MembershipFacts> membership,
    IProbe<KafkaServiceFacts> kafkaService,
    IProbe<KafkaApiFacts> kafkaApi,
    IProbe<DiskFacts> disk,
    IProbe<OwnershipFacts> ownership,
    TimeProvider time)
{
    public async Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        var zk = ProbeRunner.RunAsync(zooKeeper, time, cancellationToken);
        var members = ProbeRunner.RunAsync(membership, time, cancellationToken);
        var service = ProbeRunner.RunAsync(kafkaService, time, cancellationToken);
        var api = ProbeRunner.RunAsync(kafkaApi, time, cancellationToken);
        var volumes = ProbeRunner.RunAsync(disk, time, cancellationToken);
        var owners = ProbeRunner.RunAsync(ownership, time, cancellationToken);
        return new Observation(await zk, await members, await service, await api, await volumes, await owners);
    }
}
