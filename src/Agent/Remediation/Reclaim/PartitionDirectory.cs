using System.Globalization;

namespace KafkaAgent.Remediation.Reclaim;

/// <summary>One partition's directory in a Kafka log dir (<c>&lt;topic&gt;-&lt;partition&gt;</c>) and the bytes its files take.</summary>
/// <param name="Name">The directory's name in the log dir (one component).</param>
internal sealed record PartitionDirectory(string Name, string Topic, int Partition, long Bytes)
{
    /// <summary>
    /// Kafka names a partition's directory topic + "-" + partition. A directory being deleted
    /// (<c>topic-0.uuid-delete</c>), a future replica (<c>-future</c>), a stray file or anything else is not a
    /// partition directory: null.
    /// </summary>
    public static PartitionDirectory? TryParse(string name, long bytes)
    {
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || dash == name.Length - 1)
        {
            return null;
        }

        var number = name.AsSpan(dash + 1);
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || number.Length > 1 && number[0] == '0')
        {
            return null;
        }

        return new PartitionDirectory(name, name[..dash], partition, bytes);
    }

    public override string ToString() => Name;
}
