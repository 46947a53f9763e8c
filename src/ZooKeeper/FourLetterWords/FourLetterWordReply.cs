namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>The raw text a server sent back for one four-letter word.</summary>
/// <param name="Command">The word sent, e.g. "srvr".</param>
/// <param name="Text">Everything the server wrote before closing the connection.</param>
/// <param name="NotWhitelisted">
/// True when the server refused the word because <c>4lw.commands.whitelist</c> omits it (the ZooKeeper 3.5+
/// default allows only <c>srvr</c>): the server is up, so a probe should fall back to a session.
/// </param>
public sealed record FourLetterWordReply(string Command, string Text, bool NotWhitelisted)
{
    internal const string NotWhitelistedMarker = "is not executed because it is not in the whitelist";
    internal const string NotServingMarker = "not currently serving requests";

    /// <summary>
    /// True when the server answered that it does not serve requests (no quorum, or still starting):
    /// the process is up but clients cannot use it.
    /// </summary>
    public bool NotServing => Text.Contains(NotServingMarker, StringComparison.Ordinal);

    internal static FourLetterWordReply From(string command, string text) =>
        new(command, text, text.Contains(NotWhitelistedMarker, StringComparison.Ordinal));
}
