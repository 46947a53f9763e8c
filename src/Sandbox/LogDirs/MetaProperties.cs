using System.Globalization;
using System.Text;
using KafkaAgent.Sandbox.Config;

namespace KafkaAgent.Sandbox.LogDirs;

/// <summary>meta.properties in every log dir (Kafka 2.8, ZooKeeper mode: version 0).</summary>
internal sealed record MetaProperties(int BrokerId, string? ClusterId)
{
    public const string FileName = "meta.properties";

    public static MetaProperties? Read(string logDir)
    {
        var path = Path.Combine(logDir, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        var p = JavaProperties.Parse(File.ReadAllText(path));
        var id = p.TryGetValue("broker.id", out var b) ? int.Parse(b, CultureInfo.InvariantCulture) : -1;
        return new MetaProperties(id, p.TryGetValue("cluster.id", out var c) ? c : null);
    }

    /// <summary>Written like Kafka: to a .tmp file, flushed, then renamed over the old one.</summary>
    public void Write(string logDir, TimeProvider time)
    {
        var text = new StringBuilder()
            .Append("#\n#")
            .Append(time.GetUtcNow().ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture)).Append('\n')
            .Append("cluster.id=").Append(ClusterId).Append('\n')
            .Append("version=0\n")
            .Append("broker.id=").Append(BrokerId.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .ToString();
        AtomicFile.Write(Path.Combine(logDir, FileName), Encoding.UTF8.GetBytes(text));
    }
}
