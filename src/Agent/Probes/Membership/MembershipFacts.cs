using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Probes.Membership;

/// <summary>One /brokers/ids/&lt;id&gt; znode as Kafka wrote it.</summary>
/// <param name="Endpoints">"PLAINTEXT://host:9092" entries (or host/port from version 1 JSON).</param>
internal sealed record BrokerRegistration(int Id, IReadOnlyList<string> Endpoints, string? Host, int? Port);

/// <summary>/brokers/ids under the chroot, read through the ensemble (a real session).</summary>
/// <param name="Reachable">False when no session could be made; Detail says why.</param>
/// <param name="RegisteredIds">Children of /brokers/ids, sorted.</param>
/// <param name="Own">This broker's registration, null when missing.</param>
/// <param name="ExpectedEndpoints">What the configured (advertised) listeners say should be registered.</param>
/// <param name="Partitions">Partition health and the controller; null when not read (ZooKeeper unreachable).</param>
/// <param name="OwnSession">The ZooKeeper session that owns this broker's ephemeral registration.</param>
/// <param name="OwnRegisteredAt">When that registration was created (the znode's ctime).</param>
/// <param name="ObservedAt">When this probe ran, to age the registration.</param>
/// <param name="ExpectedIds">Broker ids that should be registered: configured, else seen over time; empty when unknown.</param>
/// <param name="ExpectedIdsConfigured">True when <paramref name="ExpectedIds"/> come from cluster.expected_broker_ids.</param>
internal sealed record MembershipFacts(
    string ConnectString,
    bool Reachable,
    int OwnBrokerId,
    IReadOnlyList<int> RegisteredIds,
    BrokerRegistration? Own,
    IReadOnlyList<KafkaListener> ExpectedEndpoints,
    int ExpectedBrokers,
    string? Detail,
    PartitionFacts? Partitions = null,
    long? OwnSession = null,
    DateTimeOffset? OwnRegisteredAt = null,
    DateTimeOffset? ObservedAt = null,
    IReadOnlyList<int>? ExpectedIds = null,
    bool ExpectedIdsConfigured = false);
