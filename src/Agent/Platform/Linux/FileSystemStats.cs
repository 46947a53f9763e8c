using System.Runtime.InteropServices;

namespace KafkaAgent.Platform.Linux;

/// <summary>Space and inodes of the filesystem holding a path.</summary>
/// <param name="AvailableBytes">What unprivileged writers (Kafka) can still use: f_bavail, as df shows.</param>
internal sealed record FileSystemUsage(ulong TotalBytes, ulong AvailableBytes, ulong UsedBytes, ulong TotalInodes, ulong FreeInodes)
{
    /// <summary>Used share as df computes Use%: used / (used + available), so reserved blocks count as used up.</summary>
    public double UsedRatio => UsedBytes + AvailableBytes == 0 ? 0 : (double)UsedBytes / (UsedBytes + AvailableBytes);

    /// <summary>Filesystems without a fixed inode table (btrfs) report 0 inodes: never "full".</summary>
    public double InodesUsedRatio => TotalInodes == 0 ? 0 : (double)(TotalInodes - FreeInodes) / TotalInodes;
}

/// <summary>The statvfs seam: one real implementation, fakes in tests.</summary>
internal interface IFileSystemStats
{
    /// <summary>Usage of the filesystem at <paramref name="path"/>; throws IOException naming the path on failure.</summary>
    FileSystemUsage GetUsage(string path);
}

internal sealed class StatVfsFileSystemStats : IFileSystemStats
{
    public FileSystemUsage GetUsage(string path)
    {
        if (LibC.StatFileSystem(path, out var s) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"statvfs {path}: {LibC.ErrorText(errno)}");
        }

        var unit = s.FragmentSize != 0 ? s.FragmentSize : s.BlockSize;
        return new FileSystemUsage(
            s.Blocks * unit,
            s.BlocksAvailable * unit,
            (s.Blocks - s.BlocksFree) * unit,
            s.Files,
            s.FilesFree);
    }
}
