namespace KafkaAgent.Platform;

/// <summary>One service remediation may start and stop, with its manager and its configured stop timeout.</summary>
internal sealed record ManagedService(string Name, IServiceManager Manager, TimeSpan StopTimeout);

/// <summary>Kafka, and the ZooKeeper of this host when it runs one (zookeeper.properties present).</summary>
internal sealed record ManagedServices(ManagedService Kafka, ManagedService? ZooKeeper);
