using System.Globalization;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>The mass-failure facts, read when a disruptive action is about to be decided.</summary>
internal interface IClusterHealthReader
{
    Task<ClusterHealthFacts> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Reads <see cref="ClusterHealthFacts"/> at decision time rather than from the start of the cycle, so a broker
/// another agent restarted a moment ago counts as it is now: /brokers/ids and the agents' host reports through the
/// coordination session (no session or a failed read: the quorum is not reachable from here), and the members down.
/// </summary>
internal sealed class ClusterHealthReader(ICoordinationSession session, IEnsembleProbe ensemble, int expectedBrokers, int ensembleSize) : IClusterHealthReader
{
    public async Task<ClusterHealthFacts> ReadAsync(CancellationToken cancellationToken)
    {
        var down = ensemble.MembersDownAsync(cancellationToken);
        try
        {
            var client = await session.GetAsync(cancellationToken);
            var registered = await IdsAsync(client, "/brokers/ids", cancellationToken);
            var reporting = await IdsAsync(client, CoordinationPaths.Hosts, cancellationToken);
            return new ClusterHealthFacts(true, expectedBrokers, registered, reporting, ensembleSize, await down);
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ClusterHealthFacts(false, expectedBrokers, [], [], ensembleSize, await down);
        }
    }

    private static async Task<List<int>> IdsAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            var children = await client.GetChildrenAsync(path, cancellationToken: cancellationToken);
            return children.Children
                .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .Where(n => n >= 0)
                .ToList();
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return [];
        }
    }
}
