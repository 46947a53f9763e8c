namespace KafkaAgent.Probes.ZooKeeper;

/// <summary>Opens (and closes) a real session: the health check of last resort when srvr is not whitelisted.</summary>
internal interface IZooKeeperSessionCheck
{
    Task<(bool Serving, string Detail)> TryAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken);
}
