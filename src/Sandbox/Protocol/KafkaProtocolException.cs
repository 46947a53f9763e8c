namespace KafkaAgent.Sandbox.Protocol;

/// <summary>A request the stand-in cannot parse; like Kafka, it closes the connection.</summary>
internal sealed class KafkaProtocolException : Exception
{
    public KafkaProtocolException()
    {
    }

    public KafkaProtocolException(string message)
        : base(message)
    {
    }

    public KafkaProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
