using KafkaAgent.Probes.Ownership;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Probes.Ownership;

/// <summary>Real files, real chown (the tests run as root), owner 4242:4242 standing in for kafka:kafka.</summary>
public sealed class LogDirIndexTests : IDisposable
{
    private const uint Kafka = 4242;
    private readonly string _root = Directory.CreateTempSubdirectory("kafka-logs-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("outside-").FullName;

    public LogDirIndexTests()
    {
        for (var p = 0; p < 3; p++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(_root, $"topic-{p}")).FullName;
            foreach (var ext in new[] { "log", "index", "timeindex" })
            {
                File.WriteAllText(Path.Combine(dir, $"00000000000000000000.{ext}"), "x");
            }
        }

        File.WriteAllText(Path.Combine(_root, "meta.properties"), "broker.id=1\n");
        File.WriteAllText(Path.Combine(_outside, "secret"), "s");
        Shell.Run("chown", "-R", "-h", $"{Kafka}:{Kafka}", _root);
    }

    private LogDirIndex NewIndex() => new(new DirectoryScanner(_root, Kafka, Kafka, maxSamples: 2), maxSamples: 2);

    [Fact]
    public void FullScan_AllOwnedByKafka_NothingWrong()
    {
        var index = NewIndex();
        index.FullScan();

        var result = index.Summarize();

        Assert.Equal(0, result.WrongCount);
        Assert.Equal(14, result.EntriesScanned); // root + 3 dirs + 9 segment files + meta.properties
        Assert.Null(result.Error);
    }

    [Fact]
    public void FullScan_FilesAndDirOwnedByRoot_CountedWithBoundedSamples()
    {
        Shell.Run("chown", "0:0", Path.Combine(_root, "topic-1", "00000000000000000000.log"));
        Shell.Run("chown", "4242:0", Path.Combine(_root, "topic-2", "00000000000000000000.index"));
        Shell.Run("chown", "0", Path.Combine(_root, "topic-0"));
        var index = NewIndex();
        index.FullScan();

        var result = index.Summarize();

        Assert.Equal(3, result.WrongCount);
        Assert.Equal(2, result.WrongSamples.Count);
        Assert.All(result.WrongSamples, s => Assert.StartsWith(_root, s, StringComparison.Ordinal));
    }

    [Fact]
    public void FullScan_SymlinkOutside_ReportedNeverFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "topic-0", "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "topic-0", "inside"), "../topic-1/00000000000000000000.log");
        Shell.Run("chown", "-h", $"{Kafka}:{Kafka}", Path.Combine(_root, "topic-0", "escape"), Path.Combine(_root, "topic-0", "inside"));
        Shell.Run("chown", "0:0", Path.Combine(_outside, "secret"));
        var index = NewIndex();
        index.FullScan();

        var result = index.Summarize();

        Assert.Equal(1, result.ForeignSymlinkCount);
        Assert.Equal($"{_root}/topic-0/escape -> {_outside}", result.ForeignSymlinkSamples.Single());
        Assert.Equal(0, result.WrongCount); // the root-owned file behind the link was not visited
        Assert.Equal(16, result.EntriesScanned);
    }

    [Fact]
    public void FullScan_Parallel_SameCountsAsSerialAndReportsCpu()
    {
        Shell.Run("chown", "0:0", Path.Combine(_root, "topic-1", "00000000000000000000.log"), Path.Combine(_root, "topic-2"));
        var serial = NewIndex();
        serial.FullScan(parallelism: 1);
        var parallel = NewIndex();

        var cpu = parallel.FullScan(parallelism: 3);

        Assert.Equal(serial.Summarize(), parallel.Summarize(), new SummaryComparer());
        Assert.Equal(2, parallel.Summarize().WrongCount);
        Assert.True(cpu > TimeSpan.Zero);
    }

    [Fact]
    public void Refresh_NewRootOwnedFileInKnownDir_Detected()
    {
        var index = NewIndex();
        index.FullScan();
        File.WriteAllText(Path.Combine(_root, "topic-2", "00000000000000000042.log"), "new"); // created by root

        index.Refresh();

        Assert.Equal(1, index.Summarize().WrongCount);
    }

    [Fact]
    public void Refresh_RecursiveChown_DetectedThroughDirectoryCtime()
    {
        var index = NewIndex();
        index.FullScan();
        Shell.Run("chown", "-R", "0:0", Path.Combine(_root, "topic-1"));

        index.Refresh();

        Assert.Equal(4, index.Summarize().WrongCount);
    }

    [Fact]
    public void Refresh_NewPartitionDirectory_ScannedWhole()
    {
        var index = NewIndex();
        index.FullScan();
        var dir = Directory.CreateDirectory(Path.Combine(_root, "topic-9")).FullName;
        File.WriteAllText(Path.Combine(dir, "0.log"), "x");

        index.Refresh();

        var result = index.Summarize();
        Assert.Equal(2, result.WrongCount);
        Assert.Equal(16, result.EntriesScanned);
    }

    [Fact]
    public void Refresh_DeletedDirectory_Forgotten()
    {
        Shell.Run("chown", "-R", "0:0", Path.Combine(_root, "topic-1"));
        var index = NewIndex();
        index.FullScan();
        Directory.Delete(Path.Combine(_root, "topic-1"), recursive: true);

        index.Refresh();

        Assert.Equal(0, index.Summarize().WrongCount);
    }

    [Fact]
    public void Refresh_IntermediateDirectorySwappedForSymlink_NotFollowed()
    {
        // root/nested/inner is known from the full scan; then root/nested becomes a symlink to a tree outside
        // whose inner/ holds a root-owned file. Reaching root/nested/inner by its full path would enter it.
        var inner = Directory.CreateDirectory(Path.Combine(_root, "nested", "inner")).FullName;
        File.WriteAllText(Path.Combine(inner, "0.log"), "x");
        var decoy = Directory.CreateDirectory(Path.Combine(_outside, "inner")).FullName;
        File.WriteAllText(Path.Combine(decoy, "planted"), "p");
        Shell.Run("chown", "-R", $"{Kafka}:{Kafka}", Path.Combine(_root, "nested"));
        var index = NewIndex();
        index.FullScan();
        var moved = Directory.CreateTempSubdirectory("moved-").FullName;
        try
        {
            Directory.Move(Path.Combine(_root, "nested"), Path.Combine(moved, "nested"));
            File.CreateSymbolicLink(Path.Combine(_root, "nested"), _outside);
            Shell.Run("chown", "-h", $"{Kafka}:{Kafka}", Path.Combine(_root, "nested"));

            index.Refresh();

            var result = index.Summarize();
            Assert.Equal(0, result.WrongCount); // decoy/ and planted are root-owned: never visited
            Assert.Equal($"{_root}/nested -> {_outside}", result.ForeignSymlinkSamples.Single());
            Assert.Equal(15, result.EntriesScanned); // root + 3 dirs + 9 segments + meta.properties + the link
        }
        finally
        {
            Directory.Delete(moved, recursive: true);
        }
    }

    [Fact]
    public void FullScan_MissingRoot_ReportsError()
    {
        var index = new LogDirIndex(new DirectoryScanner(Path.Combine(_root, "absent"), Kafka, Kafka, 2), 2);
        index.FullScan();

        Assert.NotNull(index.Summarize().Error);
    }

    private sealed class SummaryComparer : IEqualityComparer<LogDirOwnership>
    {
        public bool Equals(LogDirOwnership? x, LogDirOwnership? y) =>
            x!.EntriesScanned == y!.EntriesScanned && x.WrongCount == y.WrongCount && x.WrongSamples.SequenceEqual(y.WrongSamples);

        public int GetHashCode(LogDirOwnership obj) => obj.WrongCount.GetHashCode();
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }
}
