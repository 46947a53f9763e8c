namespace KafkaAgent.Platform;

/// <summary>A directory directly in a log dir and the bytes allocated to the files below it.</summary>
internal sealed record LogDirEntry(string Name, long Bytes);

/// <param name="Error">Null when the directory is gone entirely; else the first problem, naming the path.</param>
internal sealed record DeleteDirectoryResult(long FilesDeleted, long BytesFreed, string? Error);

/// <summary>Tier 3's file seam: lists and deletes partition directories of a Kafka log dir, never following a symlink.</summary>
internal interface IPartitionDirectories
{
    /// <summary>Every subdirectory of <paramref name="logDir"/> (symlinks are not subdirectories) with its size.</summary>
    IReadOnlyList<LogDirEntry> List(string logDir, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the subdirectory <paramref name="name"/> (one component) of <paramref name="logDir"/> and all below it,
    /// reached only through directory handles; a symlink met on the way is removed itself, never followed.
    /// </summary>
    DeleteDirectoryResult Delete(string logDir, string name, CancellationToken cancellationToken);
}
