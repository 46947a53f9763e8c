using KafkaAgent.Configuration;
using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Platform;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;

namespace KafkaAgent.Tests.Support;

/// <summary>Facts of a healthy 3-broker host (broker 1), to be bent one fact at a time with `with`.</summary>
internal static class Observations
{
    public static readonly DiskSettings Thresholds = new(0.85, 0.95);
    public static readonly IReadOnlyList<KafkaListener> Listeners = [new("PLAINTEXT", "broker1", 9092)];

    public static ZooKeeperFacts ZooKeeper => new("127.0.0.1:2181", ZooKeeperReachability.Answered, true, "follower", true, 3, "3.8.4-1", null);

    public static MembershipFacts Membership => new("zk1:2181/kafka", true, 1, [1, 2, 3],
        new BrokerRegistration(1, ["PLAINTEXT://broker1:9092"], "broker1", 9092), Listeners, 3, null, Partitions);

    /// <summary>Two topics, six partitions, all led with a full ISR; broker 2 is the controller.</summary>
    public static PartitionFacts Partitions => new(2, 6, false, [], 2, TimeSpan.Zero, null);

    public static KafkaServiceFacts Service => new("kafka", "systemd", ServiceState.Running, 4242, "ActiveState=active SubState=running Result=success");

    public static KafkaApiFacts Api => new("127.0.0.1:9092", true, true, 3, 12, null);

    public static DiskFacts Disk => new([new VolumeUsage("/var/kafka", "log_dir", 100_000, 60_000, 0.4, 1000, 900, 0.1, null)]);

    public static OwnershipFacts Ownership => new("kafka", "kafka", [new LogDirOwnership("/var/kafka", 5000, 0, [], 0, [], null)], true);

    public static Observation Healthy() => Of();

    public static Observation Of(
        ZooKeeperFacts? zk = null, MembershipFacts? membership = null, KafkaServiceFacts? service = null,
        KafkaApiFacts? api = null, DiskFacts? disk = null, OwnershipFacts? ownership = null) =>
        new(Ok(zk ?? ZooKeeper), Ok(membership ?? Membership), Ok(service ?? Service), Ok(api ?? Api), Ok(disk ?? Disk), Ok(ownership ?? Ownership));

    private static ProbeOutcome<T> Ok<T>(T facts)
        where T : class => new(facts, TimeSpan.FromMilliseconds(3), null);
}
