using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Tests.Platform.Linux;

/// <summary>Real directories: listing sizes and deleting through directory handles, never following a symlink.</summary>
public sealed class LinuxPartitionDirectoriesTests : IDisposable
{
    private readonly string _logDir = Directory.CreateTempSubdirectory("reclaim-logs-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("reclaim-outside-").FullName;

    public LinuxPartitionDirectoriesTests()
    {
        foreach (var (name, kib) in new[] { ("orders-0", 64), ("orders-1", 8) })
        {
            var dir = Directory.CreateDirectory(Path.Combine(_logDir, name)).FullName;
            File.WriteAllBytes(Path.Combine(dir, "00000000000000000000.log"), new byte[kib * 1024]);
            File.WriteAllBytes(Path.Combine(dir, "00000000000000000000.index"), new byte[4096]);
        }

        File.WriteAllText(Path.Combine(_logDir, "recovery-point-offset-checkpoint"), "0\n0\n");
        File.WriteAllText(Path.Combine(_outside, "precious"), "p");
    }

    [Fact]
    public void List_PartitionDirectories_WithAllocatedSizesAndNoFiles()
    {
        File.CreateSymbolicLink(Path.Combine(_logDir, "linked-0"), _outside);

        var entries = new LinuxPartitionDirectories().List(_logDir, CancellationToken.None).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(["orders-0", "orders-1"], entries.Select(e => e.Name));
        Assert.True(entries[0].Bytes >= (64 + 4) * 1024, $"{entries[0].Bytes}");
        Assert.True(entries[0].Bytes > entries[1].Bytes);
    }

    [Fact]
    public void Delete_PartitionWithASymlinkInside_RemovesTheLinkNotItsTarget()
    {
        File.CreateSymbolicLink(Path.Combine(_logDir, "orders-0", "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_logDir, "orders-0", "precious-link"), Path.Combine(_outside, "precious"));
        Directory.CreateDirectory(Path.Combine(_logDir, "orders-0", "nested"));
        File.WriteAllText(Path.Combine(_logDir, "orders-0", "nested", "x"), "x");

        var result = new LinuxPartitionDirectories().Delete(_logDir, "orders-0", CancellationToken.None);

        Assert.Null(result.Error);
        Assert.False(Directory.Exists(Path.Combine(_logDir, "orders-0")));
        Assert.True(Directory.Exists(Path.Combine(_logDir, "orders-1")));
        Assert.True(File.Exists(Path.Combine(_logDir, "recovery-point-offset-checkpoint")));
        Assert.Equal("p", File.ReadAllText(Path.Combine(_outside, "precious")));
        Assert.Equal(5, result.FilesDeleted); // log, index, two links, nested/x
        Assert.True(result.BytesFreed >= 64 * 1024);
    }

    [Fact]
    public void Delete_NameIsASymlinkToADirectoryOutside_RefusedAndTargetKept()
    {
        File.CreateSymbolicLink(Path.Combine(_logDir, "linked-0"), _outside);

        var result = new LinuxPartitionDirectories().Delete(_logDir, "linked-0", CancellationToken.None);

        Assert.NotNull(result.Error);
        Assert.Equal("p", File.ReadAllText(Path.Combine(_outside, "precious")));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("orders-0/../../x")]
    [InlineData("")]
    public void Delete_NotASingleName_RefusedAndNothingDeleted(string name)
    {
        var result = new LinuxPartitionDirectories().Delete(_logDir, name, CancellationToken.None);

        Assert.NotNull(result.Error);
        Assert.Equal(0, result.FilesDeleted);
        Assert.True(File.Exists(Path.Combine(_logDir, "orders-0", "00000000000000000000.log")));
    }

    public void Dispose()
    {
        Directory.Delete(_logDir, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }
}
