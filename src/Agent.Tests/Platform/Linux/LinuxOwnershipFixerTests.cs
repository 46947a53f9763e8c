using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Platform.Linux;

/// <summary>Real files and real chown (the suite runs as root); uid:gid 4242 stands in for kafka:kafka.</summary>
public sealed class LinuxOwnershipFixerTests : IDisposable
{
    private const uint Kafka = 4242;
    private readonly string _root = Directory.CreateTempSubdirectory("fix-logs-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("fix-outside-").FullName;

    public LinuxOwnershipFixerTests()
    {
        for (var p = 0; p < 3; p++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(_root, $"topic-{p}", "nested")).FullName;
            File.WriteAllText(Path.Combine(dir, "..", "00000000000000000000.log"), "x");
            File.WriteAllText(Path.Combine(dir, "0.snapshot"), "x");
        }

        File.WriteAllText(Path.Combine(_outside, "secret"), "s");
    }

    /// <summary>Owner of the path itself (stat without -L does not follow a symlink).</summary>
    private static (uint Uid, uint Gid) Owner(string path)
    {
        var text = Shell.Run("stat", "-c", "%u %g", path).Trim().Split(' ');
        return (uint.Parse(text[0], System.Globalization.CultureInfo.InvariantCulture), uint.Parse(text[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Creates "bulk-0" under the root with 50 segment-named files in it; returns its path.</summary>
    private string FiftyFiles()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "bulk-0")).FullName;
        for (var i = 0; i < 50; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"{i:D20}.log"), "x");
        }

        return dir;
    }

    /// <summary>What under the root `find` sees not owned by 4242:4242 (nothing, once every entry was fixed).</summary>
    private string NotKafkaOwned() => Shell.Run("find", "-P", _root, "!", "-uid", "4242", "-o", "!", "-gid", "4242").Trim();

    [Fact]
    public void Fix_AllRootOwned_EveryEntryChangedAndFindAgrees()
    {
        var result = new LinuxOwnershipFixer().Fix(_root, Kafka, Kafka, CancellationToken.None);

        Assert.Equal(13, result.Changed); // root + 3 topics + 3 nested + 6 files
        Assert.Equal(0, result.Failed);
        Assert.Empty(NotKafkaOwned());
    }

    [Fact]
    public void Fix_DirectoryOfManyWrongFiles_EveryFileChangedAndCounted()
    {
        // More wrong files than the fixer stats before it changes the rest of a directory unseen.
        var dir = FiftyFiles();

        var result = new LinuxOwnershipFixer().Fix(_root, Kafka, Kafka, CancellationToken.None);

        Assert.Equal(13 + 51, result.Changed);
        Assert.Equal(0, result.Failed);
        Assert.Empty(NotKafkaOwned());
    }

    [Fact]
    public void Fix_ManyFilesOneWrong_OnlyThatOneChanged()
    {
        var dir = FiftyFiles();

        Shell.Run("chown", "-R", "-h", "4242:4242", _root);
        Shell.Run("chown", "0:0", Path.Combine(dir, $"{17:D20}.log"));

        var result = new LinuxOwnershipFixer().Fix(_root, Kafka, Kafka, CancellationToken.None);

        Assert.Equal(1, result.Changed);
        Assert.Equal((Kafka, Kafka), Owner(Path.Combine(dir, $"{17:D20}.log")));
    }

    [Fact]
    public void Fix_AlreadyRight_NothingChanged()
    {
        Shell.Run("chown", "-R", "-h", "4242:4242", _root);

        var result = new LinuxOwnershipFixer().Fix(_root, Kafka, Kafka, CancellationToken.None);

        Assert.Equal(0, result.Changed);
        Assert.Equal(0, result.Failed);
    }

    [Fact]
    public void Fix_SymlinkToOutside_LinkAndTargetUntouchedAndReported()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "topic-0", "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "topic-0", "secret-link"), Path.Combine(_outside, "secret"));
        File.CreateSymbolicLink(Path.Combine(_root, "topic-0", "inside"), "../topic-1/00000000000000000000.log");

        var result = new LinuxOwnershipFixer().Fix(_root, Kafka, Kafka, CancellationToken.None);

        Assert.Equal(2, result.SkippedSymlinks);
        Assert.Equal((0u, 0u), Owner(_outside));
        Assert.Equal((0u, 0u), Owner(Path.Combine(_outside, "secret")));
        Assert.Equal((0u, 0u), Owner(Path.Combine(_root, "topic-0", "escape")));
        Assert.Equal((Kafka, Kafka), Owner(Path.Combine(_root, "topic-0", "inside"))); // the link itself, as chown -h
        Assert.Equal(14, result.Changed);
    }

    [Fact]
    public void Fix_DirectorySwappedForSymlinkMidWalk_NotFollowed()
    {
        // topic-1/nested/deeper/ inside; outside/deeper/planted outside. Once the walk has opened topic-1/nested, that
        // directory is moved away and a symlink to outside/ takes its name: a walk by full path would now resolve
        // topic-1/nested/deeper to outside/deeper. The handle walk goes on in the directory it opened.
        var deeper = Directory.CreateDirectory(Path.Combine(_root, "topic-1", "nested", "deeper")).FullName;
        File.WriteAllText(Path.Combine(deeper, "1.log"), "x");
        var planted = Directory.CreateDirectory(Path.Combine(_outside, "deeper")).FullName;
        File.WriteAllText(Path.Combine(planted, "planted"), "p");
        var moved = Directory.CreateTempSubdirectory("fix-moved-").FullName;
        var swapped = false;
        void Swap(string path)
        {
            if (!swapped && path.EndsWith("/topic-1/nested", StringComparison.Ordinal))
            {
                swapped = true;
                Directory.Move(Path.Combine(_root, "topic-1", "nested"), Path.Combine(moved, "nested"));
                File.CreateSymbolicLink(Path.Combine(_root, "topic-1", "nested"), _outside);
            }
        }

        try
        {
            var result = new LinuxOwnershipFixer(Swap).Fix(_root, Kafka, Kafka, CancellationToken.None);

            Assert.True(swapped);
            Assert.Equal((0u, 0u), Owner(planted));
            Assert.Equal((0u, 0u), Owner(Path.Combine(planted, "planted")));
            Assert.Equal((0u, 0u), Owner(_outside));
            Assert.Equal((Kafka, Kafka), Owner(Path.Combine(moved, "nested", "deeper", "1.log"))); // the directory it had opened
            Assert.Equal(0, result.Failed);
        }
        finally
        {
            Directory.Delete(moved, recursive: true);
        }
    }

    [Fact]
    public void Fix_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new LinuxOwnershipFixer().Fix(_root, Kafka, Kafka, cancel.Token));
        Assert.Equal((0u, 0u), Owner(Path.Combine(_root, "topic-0", "00000000000000000000.log")));
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }
}
