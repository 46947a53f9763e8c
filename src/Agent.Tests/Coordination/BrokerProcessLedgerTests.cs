using KafkaAgent.Coordination;

namespace KafkaAgent.Tests.Coordination;

public sealed class BrokerProcessLedgerTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(2);

    [Fact]
    public void Exited_WatchedProcessWithItsRegistrationSeen_DeadBrokerCarriesTheSession()
    {
        var ledger = new BrokerProcessLedger();
        ledger.Watching(100, Started);
        ledger.SawRegistration(100, 0xabc, Started.AddSeconds(3), Skew);

        ledger.Exited(100, Started.AddMinutes(5));

        Assert.Equal(new DeadBroker(100, Started, Started.AddMinutes(5), 0xabc, Started.AddSeconds(3)), ledger.LastDead);
    }

    [Fact]
    public void SawRegistration_AnotherPid_NotKept()
    {
        var ledger = new BrokerProcessLedger();
        ledger.Watching(100, Started);
        ledger.SawRegistration(101, 0xabc, Started.AddSeconds(3), Skew);

        ledger.Exited(100, Started.AddMinutes(5));

        Assert.Null(ledger.LastDead!.Session);
    }

    [Fact]
    public void SawRegistration_NodeOlderThanTheProcess_NotKept()
    {
        // The node of an older session (a broker that failed with NODEEXISTS saw someone else's registration).
        var ledger = new BrokerProcessLedger();
        ledger.Watching(100, Started);
        ledger.SawRegistration(100, 0xabc, Started.AddMinutes(-1), Skew);

        ledger.Exited(100, Started.AddMinutes(5));

        Assert.Null(ledger.LastDead!.Session);
    }

    [Fact]
    public void Exited_PidNotWatched_NoDeadBroker()
    {
        var ledger = new BrokerProcessLedger();
        ledger.Watching(100, Started);

        ledger.Exited(200, Started.AddMinutes(5));

        Assert.Null(ledger.LastDead);
    }

    [Fact]
    public void Watching_NewProcessAfterAnExit_ForgetsTheDeadOne()
    {
        var ledger = new BrokerProcessLedger();
        ledger.Watching(100, Started);
        ledger.SawRegistration(100, 0xabc, Started.AddSeconds(3), Skew);
        ledger.Exited(100, Started.AddMinutes(5));

        ledger.Watching(300, Started.AddMinutes(6));

        Assert.Null(ledger.LastDead);
    }
}
