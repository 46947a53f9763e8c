namespace KafkaAgent.Sandbox.Config;

/// <summary>Bad or missing configuration; the message names the key (and the file when known).</summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(string key, string message)
        : base($"Invalid value for configuration {key}: {message}")
    {
        Key = key;
    }

    public ConfigException()
    {
        Key = string.Empty;
    }

    public ConfigException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    public string Key { get; }
}
