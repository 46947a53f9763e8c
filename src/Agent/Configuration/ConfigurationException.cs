namespace KafkaAgent.Configuration;

/// <summary>
/// The configuration cannot be used. The message is one line that names the key or path and the file,
/// printed as is before exiting with EX_CONFIG (78).
/// </summary>
internal sealed class ConfigurationException : Exception
{
    public const int ExitCode = 78;

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigurationException()
    {
    }
}
