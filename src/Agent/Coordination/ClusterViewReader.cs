using System.Globalization;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>
/// Reads the whole cluster's picture through the ensemble: the agents' host reports, /brokers/ids, /controller and
/// the lock queue. A broker is listed when it is registered, reported, known (its agent published once), or in
/// <c>expectedIds</c>; an expected count
/// larger than the brokers seen is reported as unseen brokers (their ids are unknown).
/// </summary>
internal static class ClusterViewReader
{
    public const int MaxHosts = 256;

    public static async Task<ClusterView> ReadAsync(ZooKeeperClient client, int expectedBrokers, IReadOnlyCollection<int> expectedIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(expectedIds);
        var registered = Ids(await ChildrenAsync(client, "/brokers/ids", cancellationToken));
        var known = Ids(await ChildrenAsync(client, CoordinationPaths.Known, cancellationToken)).Take(MaxHosts);
        var reportIds = Ids(await ChildrenAsync(client, CoordinationPaths.Hosts, cancellationToken)).Take(MaxHosts).ToList();
        var reports = await Task.WhenAll(reportIds.Select(id => ReportAsync(client, id, cancellationToken)));
        var reported = reportIds.Zip(reports).Where(p => p.Second.Exists).ToDictionary(p => p.First, p => p.Second.Report);
        var controller = await ControllerReader.ReadAsync(client, cancellationToken);
        var queue = await ClusterLock.ReadAsync(client, cancellationToken);

        var ids = registered.Concat(reported.Keys).Concat(known).Concat(expectedIds).Distinct().Order().ToList();
        var brokers = ids.Select(id => new ClusterBroker(
            id,
            registered.Contains(id),
            reported.ContainsKey(id),
            controller == id,
            reported.GetValueOrDefault(id))).ToList();
        var holder = queue.Holder;
        var lockState = new ClusterLockState(
            holder?.Owner,
            holder?.Session ?? 0,
            holder?.CreatedAtMs ?? 0,
            queue.Waiting.Select(e => e.Owner).OfType<LockOwner>().ToList());
        return new ClusterView(brokers, controller, lockState, expectedBrokers, Math.Max(0, expectedBrokers - brokers.Count));
    }

    private static async Task<(bool Exists, HostReport? Report)> ReportAsync(ZooKeeperClient client, int id, CancellationToken cancellationToken)
    {
        try
        {
            var data = await client.GetDataAsync(CoordinationPaths.Host(id), cancellationToken: cancellationToken);
            return (true, HostReport.TryParse(data.Data));
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return (false, null); // The agent went between the two reads.
        }
    }

    private static async Task<IReadOnlyList<string>> ChildrenAsync(ZooKeeperClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetChildrenAsync(path, cancellationToken: cancellationToken)).Children;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return [];
        }
    }

    private static List<int> Ids(IEnumerable<string> names) =>
        names.Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id >= 0).Order().ToList();
}
