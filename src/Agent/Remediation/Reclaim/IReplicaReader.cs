namespace KafkaAgent.Remediation.Reclaim;

/// <summary>Reads the <see cref="ReplicaView"/> of this broker's partitions.</summary>
internal interface IReplicaReader
{
    Task<ReplicaView> ReadAsync(int brokerId, CancellationToken cancellationToken);
}
