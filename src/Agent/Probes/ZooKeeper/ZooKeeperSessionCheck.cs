using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Probes.ZooKeeper;

internal sealed class ZooKeeperSessionCheck : IZooKeeperSessionCheck
{
    public async Task<(bool Serving, string Detail)> TryAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await ZooKeeperClient.ConnectAsync(
                new ZooKeeperClientOptions { ConnectionString = connectionString, ConnectTimeout = timeout, RequestTimeout = timeout }, cancellationToken);
            _ = await client.ExistsAsync("/", cancellationToken: cancellationToken);
            return (true, $"session 0x{client.SessionId:x} established (srvr not whitelisted)");
        }
        catch (Exception ex) when (ex is ZooKeeperException or TimeoutException or IOException or System.Net.Sockets.SocketException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (false, $"no session within {timeout.TotalSeconds:0.#} s: {ex.Message}");
        }
    }
}
