using System.Globalization;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Coordination;

/// <summary>
/// Builds the availability rule's input from ZooKeeper, as Kafka 2.x keeps it: the assignment of every topic, the
/// ISR of each partition with a replica on the broker, and the effective min.insync.replicas (the topic's override
/// in /config/topics/&lt;t&gt;, else the dynamic /config/brokers/&lt;id&gt;, else /config/brokers/&lt;default&gt;, else
/// server.properties, else Kafka's default 1). Reads are pipelined in bounded batches; a missing partition state
/// counts as an empty ISR (the partition is not available, so it blocks).
/// </summary>
internal sealed class AvailabilityReader(ZooKeeperClient client)
{
    public const string MinIsrKey = "min.insync.replicas";
    private const int Batch = 64;

    /// <param name="serverPropertiesMinIsr">min.insync.replicas from the broker's server.properties, when set there.</param>
    public async Task<List<PartitionReplicas>> ReadAsync(int brokerId, int? serverPropertiesMinIsr, CancellationToken cancellationToken)
    {
        var topics = await ChildrenAsync("/brokers/topics", cancellationToken);
        var brokerMinIsr = await MinIsrAsync($"/config/brokers/{brokerId.ToString(CultureInfo.InvariantCulture)}", cancellationToken)
            ?? await MinIsrAsync("/config/brokers/<default>", cancellationToken)
            ?? serverPropertiesMinIsr
            ?? 1;

        var result = new List<PartitionReplicas>();
        foreach (var chunk in topics.Order(StringComparer.Ordinal).Chunk(Batch))
        {
            var assignments = await Task.WhenAll(chunk.Select(topic => AssignmentAsync(topic, cancellationToken)));
            foreach (var (topic, assignment) in chunk.Zip(assignments))
            {
                var mine = assignment.Where(p => p.Value.Contains(brokerId)).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                var minIsr = await MinIsrAsync($"/config/topics/{topic}", cancellationToken) ?? brokerMinIsr;
                foreach (var partitions in mine.Chunk(Batch))
                {
                    var isrs = await Task.WhenAll(partitions.Select(p => IsrAsync(topic, p.Key, cancellationToken)));
                    result.AddRange(partitions.Zip(isrs, (p, isr) => new PartitionReplicas(topic, p.Key, p.Value, isr, minIsr)));
                }
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<string>> ChildrenAsync(string path, CancellationToken cancellationToken)
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

    private async Task<SortedDictionary<int, int[]>> AssignmentAsync(string topic, CancellationToken cancellationToken)
    {
        var path = $"/brokers/topics/{topic}";
        var data = await DataAsync(path, cancellationToken);
        return data is null ? [] : KafkaZNodeJson.Assignment(path, data);
    }

    private async Task<int[]> IsrAsync(string topic, int partition, CancellationToken cancellationToken)
    {
        var path = $"/brokers/topics/{topic}/partitions/{partition.ToString(CultureInfo.InvariantCulture)}/state";
        var data = await DataAsync(path, cancellationToken);
        return data is null ? [] : KafkaZNodeJson.Isr(path, data);
    }

    private async Task<int?> MinIsrAsync(string path, CancellationToken cancellationToken)
    {
        var data = await DataAsync(path, cancellationToken);
        if (data is null || KafkaZNodeJson.ConfigValue(path, data, MinIsrKey) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new FormatException($"{path}: {MinIsrKey} '{text}' is not a positive integer");
    }

    private async Task<byte[]?> DataAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetDataAsync(path, cancellationToken: cancellationToken)).Data;
        }
        catch (ZooKeeperException ex) when (ex.Code == ZooKeeperErrorCode.NoNode)
        {
            return null;
        }
    }

    /// <summary>min.insync.replicas from server.properties (null when absent): the last fallback before Kafka's default.</summary>
    public static int? ServerPropertiesMinIsr(string serverProperties)
    {
        var properties = Configuration.Discovery.JavaProperties.Load(serverProperties, "kafka.server_properties");
        if (!properties.TryGetValue(MinIsrKey, out var text) || text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new Configuration.ConfigurationException($"kafka.server_properties: {serverProperties}: {MinIsrKey}: '{text}' is not a positive integer");
    }
}
