namespace KafkaAgent.Tests.Support;

public sealed class LogExcerptTests
{
    [Fact]
    public void Cut_LongerThanHeadAndTail_KeepsBothEndsAndSaysWhatIsLeftOut()
    {
        var text = "Unhandled exception at start" + new string('.', 100) + "last line";

        var cut = LogExcerpt.Cut(text, head: 28, tail: 9);

        Assert.Equal("Unhandled exception at start\n[... 100 characters left out ...]\nlast line", cut);
    }

    [Fact]
    public void Cut_NoLongerThanHeadAndTail_Whole() =>
        Assert.Equal("short log", LogExcerpt.Cut("short log", head: 5, tail: 4));
}
