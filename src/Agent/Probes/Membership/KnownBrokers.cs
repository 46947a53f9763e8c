using System.Text.Json;
using System.Text.Json.Serialization;

namespace KafkaAgent.Probes.Membership;

/// <summary>
/// The broker ids seen registered over time, per cluster (ZooKeeper connect string with chroot), in
/// known-brokers.json under the state directory: what "expected brokers" means when nobody configured it. Written
/// atomically (temporary file, then rename) and only when a new id appears. A missing or unwritable state directory
/// (a one-shot check as an unprivileged user) leaves the ids in memory only.
/// </summary>
internal sealed class KnownBrokers(string path)
{
    public const string DefaultStateDirectory = "/var/lib/kafka-agent";
    public const string FileName = "known-brokers.json";

    private Dictionary<string, List<int>>? _clusters;

    public string Path => path;

    /// <summary>Adds <paramref name="registered"/> to what is known for <paramref name="cluster"/>; returns every id known.</summary>
    public IReadOnlyList<int> Remember(string cluster, IReadOnlyList<int> registered)
    {
        _clusters ??= Load();
        var known = _clusters.TryGetValue(cluster, out var ids) ? ids : [];
        var merged = known.Union(registered).Order().ToList();
        if (merged.Count != known.Count)
        {
            _clusters[cluster] = merged;
            Save();
        }

        return merged;
    }

    private Dictionary<string, List<int>> Load()
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, KnownBrokersJsonContext.Default.DictionaryStringListInt32) ?? new(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // Absent on a first run; unreadable or damaged: start again from what registers now.
            return new(StringComparer.Ordinal);
        }
    }

    private void Save()
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            return;
        }

        // Per process: a one-shot check may write while the daemon does; the rename keeps either whole.
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, _clusters!, KnownBrokersJsonContext.Default.DictionaryStringListInt32);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Kept in memory; the next new id tries again.
        }
    }
}

[JsonSerializable(typeof(Dictionary<string, List<int>>))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class KnownBrokersJsonContext : JsonSerializerContext;
