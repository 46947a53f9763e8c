using KafkaAgent.Coordination;

namespace KafkaAgent.Tests.Coordination;

public sealed class MassFailureRuleTests
{
    private static ClusterHealthFacts Facts(int expected, int[] registered, int[]? reporting = null, bool quorum = true, int members = 3, int down = 0) =>
        new(quorum, expected, registered, reporting ?? registered, members, down);

    [Fact]
    public void Evaluate_AllHealthy_NoMassFailure()
    {
        var verdict = MassFailureRule.Evaluate(Facts(3, [1, 2, 3]), null);

        Assert.False(verdict.IsMassFailure);
        Assert.Equal(1, verdict.Threshold);
    }

    [Fact]
    public void Evaluate_QuorumLost_MassFailure()
    {
        var verdict = MassFailureRule.Evaluate(Facts(3, [], quorum: false), null);

        Assert.True(verdict.IsMassFailure);
        Assert.Contains("quorum lost", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, true)]
    [InlineData(5, 2, true)]
    public void Evaluate_ZooKeeperMembersDown_SeveralIsMassFailure(int members, int down, bool expected)
    {
        Assert.Equal(expected, MassFailureRule.Evaluate(Facts(3, [1, 2, 3], members: members, down: down), null).IsMassFailure);
    }

    [Theory]
    // expected, registered, agents reporting, mass failure with the default (a third of expected)?
    [InlineData(3, new[] { 1, 2 }, new[] { 1, 2 }, false)]       // one host lost of 3: heal it
    [InlineData(3, new[] { 1 }, new[] { 1 }, true)]              // two hosts lost of 3
    [InlineData(6, new[] { 1, 2, 3, 4 }, new[] { 1, 2, 3, 4 }, false)] // 2 of 6 = a third: not more
    [InlineData(6, new[] { 1, 2, 3 }, new[] { 1, 2, 3 }, true)]  // 3 of 6
    [InlineData(3, new int[0], new[] { 1, 2, 3 }, false)]        // all three zombies, every agent reporting: local faults
    [InlineData(3, new int[0], new[] { 1 }, true)]               // one zombie, two hosts silent
    public void Evaluate_LostBrokers_MoreThanAThirdIsMassFailure(int expected, int[] registered, int[] reporting, bool mass)
    {
        Assert.Equal(mass, MassFailureRule.Evaluate(Facts(expected, registered, reporting), null).IsMassFailure);
    }

    [Fact]
    public void Evaluate_ConfiguredThreshold_OverridesDefault()
    {
        var facts = Facts(10, [1, 2, 3, 4, 5, 6, 7, 8]);

        Assert.False(MassFailureRule.Evaluate(facts, 2).IsMassFailure);
        var verdict = MassFailureRule.Evaluate(facts, 1);
        Assert.True(verdict.IsMassFailure);
        Assert.Equal("2 of 10 brokers lost (unregistered, agent silent); more than 1 is a mass failure", verdict.Reason);
    }

    [Fact]
    public void Evaluate_ExpectedUnknown_BrokerCountNotJudged()
    {
        Assert.False(MassFailureRule.Evaluate(Facts(0, []), null).IsMassFailure);
    }
}
