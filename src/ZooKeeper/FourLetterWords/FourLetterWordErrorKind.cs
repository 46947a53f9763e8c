namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>Why a four-letter word got no usable answer; each one means something different to a probe.</summary>
public enum FourLetterWordErrorKind
{
    /// <summary>Nothing listens on the port (the server is down).</summary>
    Refused,

    /// <summary>No complete answer within the timeout: typically a hung or SIGSTOPped server whose kernel still accepts connections.</summary>
    Timeout,

    /// <summary>The server closed or reset the connection without (a complete) answer.</summary>
    Closed,

    /// <summary>The answer exceeded the size bound.</summary>
    TooLarge,

    /// <summary>The host name did not resolve or the network is unreachable.</summary>
    Unreachable,

    /// <summary>The server is up but the word is not in its <c>4lw.commands.whitelist</c> (typed helpers only).</summary>
    NotWhitelisted,

    /// <summary>The server is up but says it is not serving requests (typed helpers only).</summary>
    NotServing,
}
