namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>The answer to <c>isro</c>: "rw" (read-write) or "ro" (read-only mode, cut off from the quorum).</summary>
public sealed record IsroReply(bool IsReadOnly)
{
    /// <summary>Parses isro's answer.</summary>
    /// <exception cref="FormatException">Neither "rw" nor "ro" (3.8 says "null" when it is not running).</exception>
    public static IsroReply Parse(string text) => text?.Trim() switch
    {
        "rw" => new IsroReply(false),
        "ro" => new IsroReply(true),
        _ => throw new FormatException($"isro answer is neither 'rw' nor 'ro': '{text}'"),
    };
}
