using KafkaAgent.Platform;
using KafkaAgent.Platform.Windows;

namespace KafkaAgent.Tests.Platform.Windows;

public sealed class NtfsOwnershipFixerTests
{
    private const string KafkaSid = "S-1-5-21-1-2-3-1001";
    private const string AdministratorsSid = "S-1-5-32-544";

    private readonly FakeNtfsSecurityStore _store = new() { Accounts = { ["kafka"] = KafkaSid } };

    private void Add(string path, bool directory = false, bool reparse = false, string owner = AdministratorsSid) =>
        _store.Files[path] = new NtfsSecurity(owner, [], directory, reparse);

    [Fact]
    public void Fix_TreeOwnedByAdministrators_EveryEntryGivenToKafka()
    {
        Add(@"D:\kafka-logs", directory: true);
        Add(@"D:\kafka-logs\t-0", directory: true);
        Add(@"D:\kafka-logs\t-0\00.log");
        Add(@"D:\kafka-logs\meta.properties");

        var result = new NtfsOwnershipFixer(_store, new FileOwner("kafka", "kafka")).Fix(@"D:\kafka-logs", 0, 0, CancellationToken.None);

        Assert.Equal(new OwnershipFixResult(4, 0, 0, []), result with { Errors = [] });
        Assert.All(_store.Files.Values, f => Assert.Equal(KafkaSid, f.OwnerSid));
    }

    [Fact]
    public void Fix_JunctionInsideTree_NeitherEnteredNorChanged()
    {
        Add(@"D:\kafka-logs", directory: true);
        Add(@"D:\kafka-logs\escape", directory: true, reparse: true);
        Add(@"D:\kafka-logs\escape\system.dat"); // what a listing through the junction would show

        var result = new NtfsOwnershipFixer(_store, new FileOwner("kafka", "kafka")).Fix(@"D:\kafka-logs", 0, 0, CancellationToken.None);

        Assert.Equal(1, result.Changed);
        Assert.Equal(1, result.SkippedSymlinks);
        Assert.Equal(AdministratorsSid, _store.Files[@"D:\kafka-logs\escape"].OwnerSid);
        Assert.Equal(AdministratorsSid, _store.Files[@"D:\kafka-logs\escape\system.dat"].OwnerSid);
        Assert.DoesNotContain(@"D:\kafka-logs\escape\system.dat", _store.Writes);
    }

    [Fact]
    public void Fix_Cancelled_Throws()
    {
        Add(@"D:\kafka-logs", directory: true);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            new NtfsOwnershipFixer(_store, new FileOwner("kafka", "kafka")).Fix(@"D:\kafka-logs", 0, 0, cancel.Token));
        Assert.Empty(_store.Writes);
    }
}
