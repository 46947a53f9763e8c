using KafkaAgent.Coordination;

namespace KafkaAgent.Tests.Coordination;

/// <summary>The delete strategy's proof that a registration belongs to a broker process the agent saw die.</summary>
public sealed class StaleProofTests
{
    private const long DeadSession = 0x1234;
    private static readonly DateTimeOffset Started = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Exited = Started.AddHours(2);
    private static readonly DateTimeOffset Registered = Started.AddSeconds(4);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(2);
    private static readonly DeadBroker Dead = new(4242, Started, Exited, DeadSession, Registered);

    [Fact]
    public void Prove_NodeOfTheDeadSessionCreatedDuringItsLife_Proven()
    {
        var proof = StaleRegistration.Prove(Dead, DeadSession, Registered, Skew);

        Assert.True(proof.Proven, proof.Detail);
        Assert.Contains("0x1234", proof.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_NoExitSeenByTheAgent_NotProven()
    {
        var proof = StaleRegistration.Prove(null, DeadSession, Registered, Skew);

        Assert.False(proof.Proven);
        Assert.Contains("did not see", proof.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_RegistrationNeverSeenWhileTheProcessRan_NotProven()
    {
        var proof = StaleRegistration.Prove(Dead with { Session = null, RegisteredAt = null }, DeadSession, Registered, Skew);

        Assert.False(proof.Proven);
        Assert.Contains("never seen", proof.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_NodeOwnedByAnotherSession_NotProven()
    {
        // A broker started since (here or on another host with the same broker.id) registered under its own session.
        var proof = StaleRegistration.Prove(Dead, 0x9999, Registered, Skew);

        Assert.False(proof.Proven);
        Assert.Contains("0x9999", proof.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_NodeCreatedBeforeTheProcessStarted_NotProven()
    {
        var proof = StaleRegistration.Prove(Dead, DeadSession, Started - TimeSpan.FromSeconds(3), Skew);

        Assert.False(proof.Proven);
        Assert.Contains("before pid 4242 started", proof.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_NodeCreatedAfterTheProcessExited_NotProven()
    {
        var proof = StaleRegistration.Prove(Dead, DeadSession, Exited + TimeSpan.FromSeconds(3), Skew);

        Assert.False(proof.Proven);
        Assert.Contains("after pid 4242 exited", proof.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_NodeCreatedWithinClockSkewOfTheStart_Proven() =>
        Assert.True(StaleRegistration.Prove(Dead, DeadSession, Started - TimeSpan.FromSeconds(1), Skew).Proven);

    [Fact]
    public void Prove_NoNode_NotProven() =>
        Assert.False(StaleRegistration.Prove(Dead, null, null, Skew).Proven);
}
