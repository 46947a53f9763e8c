using System.Globalization;
using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Remediation.Reclaim;

/// <summary>
/// The replica view from the ensemble (zookeeper.connect with its chroot), read fresh for each decision: the
/// assignments and ISRs as <see cref="AvailabilityReader"/> reads them, and the registered broker ids.
/// </summary>
internal sealed class ZooKeeperReplicaReader(ZooKeeperSettings settings) : IReplicaReader
{
    public async Task<ReplicaView> ReadAsync(int brokerId, CancellationToken cancellationToken)
    {
        await using var client = await ZooKeeperClient.ConnectAsync(
            new ZooKeeperClientOptions { ConnectionString = settings.Connect.ConnectionString, ConnectTimeout = settings.Timeout, RequestTimeout = settings.Timeout },
            cancellationToken);
        var partitions = await new AvailabilityReader(client).ReadAsync(brokerId, serverPropertiesMinIsr: null, cancellationToken);
        var ids = (await client.GetChildrenAsync("/brokers/ids", cancellationToken: cancellationToken)).Children;
        var live = ids.Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(i => i >= 0).ToHashSet();
        return new ReplicaView(brokerId, partitions, live);
    }
}
