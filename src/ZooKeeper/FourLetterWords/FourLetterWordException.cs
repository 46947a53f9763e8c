namespace KafkaAgent.ZooKeeper.FourLetterWords;

/// <summary>A four-letter word failed; <see cref="Kind"/> tells a down server from a hung one and the rest.</summary>
public sealed class FourLetterWordException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FourLetterWordException(FourLetterWordErrorKind kind, string endpoint, string command, string message, Exception? innerException = null)
        : base($"{command} on {endpoint}: {message}", innerException)
    {
        Kind = kind;
        Endpoint = endpoint;
        Command = command;
    }

    /// <summary>What went wrong.</summary>
    public FourLetterWordErrorKind Kind { get; }

    /// <summary>"host:port" asked.</summary>
    public string Endpoint { get; }

    /// <summary>The word sent.</summary>
    public string Command { get; }
}
