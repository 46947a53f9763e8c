using KafkaAgent.Coordination;

namespace KafkaAgent.Tests.Coordination;

public sealed class LockNodeTests
{
    [Fact]
    public void TryParse_SequentialName_PrefixAndSequence()
    {
        var node = LockNode.TryParse("lock-0123456789abcdef0123456789abcdef-0000000042");

        Assert.NotNull(node);
        Assert.Equal("lock-0123456789abcdef0123456789abcdef-", node.AttemptPrefix);
        Assert.Equal(42, node.Sequence);
    }

    [Theory]
    [InlineData("other-0000000001")]
    [InlineData("lock-abc")]
    [InlineData("lock-abc-00000000x1")]
    public void TryParse_ForeignName_Null(string name) => Assert.Null(LockNode.TryParse(name));

    [Fact]
    public void Queue_MixedOrder_LowestSequenceFirstForeignIgnored()
    {
        var queue = LockNode.Queue(["lock-b-0000000012", "readme", "lock-a-0000000003", "lock-c-0000000007"]);

        Assert.Equal(["lock-a-0000000003", "lock-c-0000000007", "lock-b-0000000012"], queue.Select(n => n.Name));
    }

    [Fact]
    public void NewAttemptPrefix_TwoAttempts_Differ()
    {
        Assert.NotEqual(LockNode.NewAttemptPrefix(), LockNode.NewAttemptPrefix());
    }
}
