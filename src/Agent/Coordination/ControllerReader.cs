using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>Reads /controller (Kafka 2.x: {"version":1,"brokerid":N,"timestamp":"..."}); null while no broker is controller.</summary>
internal static class ControllerReader
{
    public const string Path = "/controller";

    public static async Task<int?> ReadAsync(ZooKeeperClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var data = await client.GetDataAsync(Path, cancellationToken: cancellationToken);
            return KafkaZNodeJson.ControllerId(Path, data.Data);
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }
    }
}
