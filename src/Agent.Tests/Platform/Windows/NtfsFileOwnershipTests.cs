using KafkaAgent.Platform;
using KafkaAgent.Platform.Windows;

namespace KafkaAgent.Tests.Platform.Windows;

public sealed class NtfsFileOwnershipTests
{
    private const string KafkaSid = "S-1-5-21-1-2-3-1001";
    private const string AdministratorsSid = "S-1-5-32-544";
    private static readonly FileOwner Kafka = new("kafka", "kafka");

    private readonly FakeNtfsSecurityStore _store = new() { Accounts = { ["kafka"] = KafkaSid } };

    [Fact]
    public void Fix_DirectoryOwnedByAdministrators_GivesItToKafkaWithAnInheritableFullControlEntry()
    {
        _store.Files[@"D:\kafka-logs"] = new NtfsSecurity(AdministratorsSid, [], IsDirectory: true, IsReparsePoint: false);

        var result = new NtfsFileOwnership(_store).Fix(@"D:\kafka-logs", Kafka);

        Assert.Equal(OwnershipFix.Fixed, result);
        var fixedSecurity = _store.Files[@"D:\kafka-logs"];
        Assert.Equal(KafkaSid, fixedSecurity.OwnerSid);
        var ace = Assert.Single(fixedSecurity.Aces);
        Assert.Equal(new NtfsAce(KafkaSid, true, NtfsFileOwnership.FullControl, false, InheritsToChildren: true), ace);
    }

    [Fact]
    public void Fix_AlreadyOwnedWithFullControl_WritesNothing()
    {
        _store.Files[@"D:\kafka-logs\t-0\00.log"] = new NtfsSecurity(KafkaSid,
            [new NtfsAce(KafkaSid, true, NtfsFileOwnership.FullControl, Inherited: true, InheritsToChildren: false)],
            IsDirectory: false, IsReparsePoint: false);

        var result = new NtfsFileOwnership(_store).Fix(@"D:\kafka-logs\t-0\00.log", Kafka);

        Assert.Equal(OwnershipFix.AlreadyCorrect, result);
        Assert.Empty(_store.Writes);
    }

    [Fact]
    public void Fix_OwnerRightButDirectoryEntryNotInheritable_AddsAnInheritableEntryOnly()
    {
        _store.Files[@"D:\kafka-logs"] = new NtfsSecurity(KafkaSid,
            [new NtfsAce(KafkaSid, true, NtfsFileOwnership.FullControl, Inherited: false, InheritsToChildren: false)],
            IsDirectory: true, IsReparsePoint: false);

        Assert.Equal(OwnershipFix.Fixed, new NtfsFileOwnership(_store).Fix(@"D:\kafka-logs", Kafka));

        Assert.Equal(2, _store.Files[@"D:\kafka-logs"].Aces.Count);
        Assert.True(_store.Files[@"D:\kafka-logs"].Aces[1].InheritsToChildren);
    }

    [Fact]
    public void Fix_ReadOnlyEntryForKafka_IsNotEnough()
    {
        const int readAndExecute = 0x1200A9;
        _store.Files[@"D:\kafka-logs\x.log"] = new NtfsSecurity(KafkaSid,
            [new NtfsAce(KafkaSid, true, readAndExecute, false, false)], IsDirectory: false, IsReparsePoint: false);

        Assert.Equal(OwnershipFix.Fixed, new NtfsFileOwnership(_store).Fix(@"D:\kafka-logs\x.log", Kafka));
        Assert.Equal(NtfsFileOwnership.FullControl, _store.Files[@"D:\kafka-logs\x.log"].Aces[^1].AccessMask);
    }

    [Fact]
    public void Fix_NullDaclSeenAsEveryoneFullControl_ChangesTheOwnerOnly()
    {
        _store.Files[@"D:\kafka-logs\x.log"] = new NtfsSecurity(AdministratorsSid,
            [new NtfsAce(NtfsFileOwnership.EveryoneSid, true, NtfsFileOwnership.FullControl, false, true)], false, false);

        Assert.Equal(OwnershipFix.Fixed, new NtfsFileOwnership(_store).Fix(@"D:\kafka-logs\x.log", Kafka));

        Assert.Equal(KafkaSid, _store.Files[@"D:\kafka-logs\x.log"].OwnerSid);
        Assert.Single(_store.Files[@"D:\kafka-logs\x.log"].Aces);
    }

    [Fact]
    public void Fix_ReparsePoint_IsNeverChanged()
    {
        _store.Files[@"D:\kafka-logs\link"] = new NtfsSecurity(AdministratorsSid, [], IsDirectory: true, IsReparsePoint: true);

        var result = new NtfsFileOwnership(_store).Fix(@"D:\kafka-logs\link", Kafka);

        Assert.Equal(OwnershipFix.SkippedLink, result);
        Assert.Empty(_store.Writes);
    }

    [Fact]
    public void Fix_UnknownAccount_ThrowsNamingIt()
    {
        _store.Files[@"D:\kafka-logs"] = new NtfsSecurity(AdministratorsSid, [], true, false);

        var error = Assert.Throws<ArgumentException>(() => new NtfsFileOwnership(_store).Fix(@"D:\kafka-logs", new FileOwner("kafak", "kafak")));

        Assert.Contains("kafak", error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Writes);
    }
}
