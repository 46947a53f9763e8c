using KafkaAgent.Platform.Linux;
using KafkaAgent.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KafkaAgent.Tests.Platform.Linux;

/// <summary>Real files in temp dirs; ages set with File.SetLastWriteTimeUtc, "now" from a fake clock.</summary>
public sealed class LinuxFileCleanerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("app-logs-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("cleaner-outside-").FullName;
    private readonly LinuxFileCleaner _cleaner = new(new FakeTimeProvider(Now));

    private string Write(string name, int hoursOld, int bytes = 8192, string? under = null)
    {
        var path = Path.Combine(under ?? _dir, name);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, Now.UtcDateTime.AddHours(-hoursOld));
        return path;
    }

    private string[] Left() => Directory.EnumerateFileSystemEntries(_dir).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void DeleteRotatedLogs_Everything_RotatedGoneLiveFilesKept()
    {
        foreach (var live in new[] { "server.log", "controller.log", "kafkaServer-gc.log", "kafkaServer-gc.log.3.current", "zookeeper-gc.log", "kafkaServer.out" })
        {
            Write(live, 100);
        }

        foreach (var rotated in new[] { "server.log.2026-11-27-01", "controller.log.2026-11-27-01", "state-change.log.2026-11-26-23", "log-cleaner.log.2026-11-20-00",
                     "kafka-request.log.2026-11-27-02", "kafka-authorizer.log.2026-11-27-03", "kafkaServer-gc.log.0", "kafkaServer-gc.log.1", "zookeeper-gc.log.0", "java_pid4242.hprof" })
        {
            Write(rotated, 10);
        }

        var result = _cleaner.DeleteRotatedLogs(_dir, 0, CancellationToken.None);

        Assert.Equal(10, result.FilesDeleted);
        Assert.True(result.BytesFreed >= 10 * 8192, $"freed {result.BytesFreed}");
        Assert.Empty(result.Errors);
        Assert.Equal(["controller.log", "kafkaServer-gc.log", "kafkaServer-gc.log.3.current", "kafkaServer.out", "server.log", "zookeeper-gc.log"], Left());
    }

    [Fact]
    public void DeleteRotatedLogs_BytesWanted_OldestFirstAndStops()
    {
        Write("server.log.2026-11-27-03", 9);
        Write("server.log.2026-11-27-01", 11);
        Write("server.log.2026-11-27-02", 10);

        var result = _cleaner.DeleteRotatedLogs(_dir, 8192, CancellationToken.None);

        Assert.Equal(1, result.FilesDeleted);
        Assert.Equal(["server.log.2026-11-27-02", "server.log.2026-11-27-03"], Left());
    }

    [Fact]
    public void DeleteRotatedLogs_SymlinkWithRotatedName_NeitherFollowedNorDeleted()
    {
        var target = Write("precious", 50, under: _outside);
        File.CreateSymbolicLink(Path.Combine(_dir, "server.log.2026-11-27-01"), target);
        Directory.CreateDirectory(Path.Combine(_dir, "server.log.2026-11-27-02"));

        var result = _cleaner.DeleteRotatedLogs(_dir, 0, CancellationToken.None);

        Assert.Equal(0, result.FilesDeleted);
        Assert.True(File.Exists(target));
        Assert.Equal(["server.log.2026-11-27-01", "server.log.2026-11-27-02"], Left());
    }

    [Fact]
    public void DeleteRotatedLogs_HardLinkedOrJustWritten_Kept()
    {
        var linked = Write("server.log.2026-11-27-01", 10);
        Shell.Run("ln", linked, Path.Combine(_outside, "other-name"));
        Write("java_pid1.hprof", 0); // being written right now

        var result = _cleaner.DeleteRotatedLogs(_dir, 0, CancellationToken.None);

        Assert.Equal(0, result.FilesDeleted);
        Assert.Equal(["java_pid1.hprof", "server.log.2026-11-27-01"], Left());
    }

    [Fact]
    public void DeleteRotatedLogs_MissingDir_ErrorNamingIt()
    {
        var result = _cleaner.DeleteRotatedLogs(Path.Combine(_dir, "absent"), 0, CancellationToken.None);

        Assert.Equal(0, result.FilesDeleted);
        Assert.Contains("absent", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void PurgeZooKeeperData_KeepThree_OlderSnapshotsAndUnneededLogsGone()
    {
        var v2 = Directory.CreateDirectory(Path.Combine(_dir, "version-2")).FullName;
        foreach (var name in new[] { "snapshot.100", "snapshot.200", "snapshot.300", "snapshot.400", "snapshot.500",
                     "log.50", "log.150", "log.250", "log.350", "log.450", "acceptedEpoch", "currentEpoch" })
        {
            Write(name, 5, under: v2);
        }

        var result = _cleaner.PurgeZooKeeperData(_dir, null, 3, CancellationToken.None);

        // Kept: the newest 3 snapshots (300, 400, 500), the log holding zxid 0x300 (log.250) and every later log.
        Assert.Equal(4, result.FilesDeleted);
        Assert.Equal(["acceptedEpoch", "currentEpoch", "log.250", "log.350", "log.450", "snapshot.300", "snapshot.400", "snapshot.500"],
            Directory.EnumerateFiles(v2).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void PurgeZooKeeperData_SeparateDataLogDirAndHexZxids_BothPurged()
    {
        var snaps = Directory.CreateDirectory(Path.Combine(_dir, "version-2")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(_outside, "version-2")).FullName;
        foreach (var name in new[] { "snapshot.a", "snapshot.f", "snapshot.1a", "snapshot.2b" })
        {
            Write(name, 5, under: snaps);
        }

        foreach (var name in new[] { "log.1", "log.b", "log.10", "log.20" })
        {
            Write(name, 5, under: logs);
        }

        var result = _cleaner.PurgeZooKeeperData(_dir, _outside, 3, CancellationToken.None);

        // Oldest kept snapshot 0xf: log.b (0xb <= 0xf) holds it; log.1 goes, as does snapshot.a.
        Assert.Equal(2, result.FilesDeleted);
        Assert.False(File.Exists(Path.Combine(snaps, "snapshot.a")));
        Assert.False(File.Exists(Path.Combine(logs, "log.1")));
        Assert.True(File.Exists(Path.Combine(logs, "log.b")));
    }

    [Fact]
    public void PurgeZooKeeperData_NoMoreThanKeep_NothingDeleted()
    {
        var v2 = Directory.CreateDirectory(Path.Combine(_dir, "version-2")).FullName;
        Write("snapshot.1", 5, under: v2);
        Write("log.1", 5, under: v2);

        var result = _cleaner.PurgeZooKeeperData(_dir, null, 3, CancellationToken.None);

        Assert.Equal(0, result.FilesDeleted);
        Assert.Equal(2, Directory.EnumerateFiles(v2).Count());
    }

    [Fact]
    public void PurgeZooKeeperData_KeepBelowThree_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _cleaner.PurgeZooKeeperData(_dir, null, 2, CancellationToken.None));
    }

    [Fact]
    public void PurgeZooKeeperData_Version2IsASymlink_NotFollowed()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_outside, "elsewhere")).FullName;
        foreach (var name in new[] { "snapshot.1", "snapshot.2", "snapshot.3", "snapshot.4" })
        {
            Write(name, 5, under: elsewhere);
        }

        File.CreateSymbolicLink(Path.Combine(_dir, "version-2"), elsewhere);

        var result = _cleaner.PurgeZooKeeperData(_dir, null, 3, CancellationToken.None);

        Assert.Equal(0, result.FilesDeleted);
        Assert.Single(result.Errors);
        Assert.Equal(4, Directory.EnumerateFiles(elsewhere).Count());
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }
}
