using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// The real ownership fixer (real lchown, the suite runs as root) racing a thread that keeps swapping a partition
/// directory and a segment for symlinks to a directory and a file outside the root: whatever instant the swap lands
/// in, the walk must never change anything outside the root.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OwnershipSwapRaceTests : IDisposable
{
    private const int Rounds = 150;
    private readonly string _root = Directory.CreateTempSubdirectory("race-logs-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("race-outside-").FullName;
    private readonly string _parked = Directory.CreateTempSubdirectory("race-parked-").FullName;

    public OwnershipSwapRaceTests()
    {
        for (var p = 0; p < 4; p++)
        {
            var partition = Directory.CreateDirectory(Path.Combine(_root, $"orders-{p}")).FullName;
            for (var s = 0; s < 40; s++)
            {
                File.WriteAllText(Path.Combine(partition, $"{s:D20}.log"), "x");
            }
        }

        var target = Directory.CreateDirectory(Path.Combine(_outside, "etc")).FullName;
        for (var f = 0; f < 40; f++)
        {
            File.WriteAllText(Path.Combine(target, $"precious-{f}"), "p");
        }

        Directory.CreateDirectory(Path.Combine(target, "deeper"));
        File.WriteAllText(Path.Combine(target, "deeper", "shadow"), "p");
    }

    [Fact]
    public void Fix_DirectoryAndFileSwappedForOutsideSymlinksInALoop_NothingOutsideEverChangesOwner()
    {
        var partition = Path.Combine(_root, "orders-1");
        var segment = Path.Combine(_root, "orders-2", $"{7:D20}.log");
        using var stop = new CancellationTokenSource();
        long swaps = 0;
        var swapper = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // The directory and the segment leave their names and symlinks leading outside take them, then back.
                Directory.Move(partition, Path.Combine(_parked, "orders-1"));
                File.Move(segment, Path.Combine(_parked, "segment"));
                File.CreateSymbolicLink(partition, Path.Combine(_outside, "etc"));
                File.CreateSymbolicLink(segment, Path.Combine(_outside, "etc", "precious-0"));
                Thread.Yield();
                File.Delete(partition);
                File.Delete(segment);
                Directory.Move(Path.Combine(_parked, "orders-1"), partition);
                File.Move(Path.Combine(_parked, "segment"), segment);
                Interlocked.Increment(ref swaps);
            }
        });
        swapper.Start();

        long changed = 0, sawLinks = 0;
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                // Alternate owners, so every round has every entry in the root to change.
                var owner = round % 2 == 0 ? 4242u : 4343u;
                var result = new LinuxOwnershipFixer().Fix(_root, owner, owner, CancellationToken.None);
                Assert.Equal(0, result.Failed);
                changed += result.Changed;
                sawLinks += result.SkippedSymlinks;
            }
        }
        finally
        {
            stop.Cancel();
            swapper.Join();
        }

        // The race ran: the swaps overlapped the walks, which met the planted links at least once.
        Assert.True(Interlocked.Read(ref swaps) > 0, "the swapper never completed a swap");
        Assert.True(sawLinks > 0, "no walk ever met a planted symlink");
        Assert.True(changed >= Rounds * 100, $"only {changed} entries changed");
        // Nothing outside the root changed owner: every entry there (the link targets and what lies below them) is root's.
        Assert.Empty(Shell.Run("find", "-P", _outside, "!", "-uid", "0", "-o", "!", "-gid", "0").Trim());
        Assert.Empty(Shell.Run("find", "-P", _parked, "-maxdepth", "0", "!", "-uid", "0").Trim());
        // And inside, the last round's owner holds what no swap touched.
        Assert.Empty(Shell.Run("find", "-P", Path.Combine(_root, "orders-0"), Path.Combine(_root, "orders-3"), "!", "-uid", "4343", "-o", "!", "-gid", "4343").Trim());
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
        Directory.Delete(_parked, recursive: true);
    }
}
