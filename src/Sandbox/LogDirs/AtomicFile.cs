namespace KafkaAgent.Sandbox.LogDirs;

/// <summary>Kafka's checkpoint write: a .tmp sibling, fsync, atomic rename. A full disk fails it with ENOSPC.</summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }
}
