using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Cycle;

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
        // Each probe starts on its own pool thread: a probe's synchronous part (a statvfs, an ownership pass, the
        // set-up before its first await) must not hold back the others. The slowest, the Kafka API, goes first.
        var api = Start(kafkaApi, cancellationToken);
        var members = Start(membership, cancellationToken);
        var zk = Start(zooKeeper, cancellationToken);
        var service = Start(kafkaService, cancellationToken);
        var owners = Start(ownership, cancellationToken);
        var volumes = Start(disk, cancellationToken);

        // Every probe has finished before the pass returns, cancelled or not: otherwise a probe of this cycle
        // would still run while the next cycle starts (and acts on a host this probe is still reading).
        // Task.WhenAll completes only when all six have, and then rethrows the first cancellation or failure.
        await Task.WhenAll(api, members, zk, service, owners, volumes);

        return new Observation(await zk, await members, await service, await api, await volumes, await owners);
    }

    private Task<ProbeOutcome<TFacts>> Start<TFacts>(IProbe<TFacts> probe, CancellationToken cancellationToken)
        where TFacts : class =>
        Task.Run(() => ProbeRunner.RunAsync(probe, time, cancellationToken), CancellationToken.None);
}
