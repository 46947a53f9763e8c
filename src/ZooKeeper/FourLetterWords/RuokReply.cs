namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>The answer to <c>ruok</c>: "imok" when the server runs (it says nothing about serving).</summary>
public sealed record RuokReply(bool IsOk)
{
    /// <summary>Parses ruok's answer.</summary>
    public static RuokReply Parse(string text) => new(text?.Trim() == "imok");
}
