namespace KafkaAgent.Probes.Kafka;

/// <summary>The local listener: does the port accept, and does a Metadata request come back in time.</summary>
/// <param name="BrokerCount">Brokers listed in the Metadata reply.</param>
internal sealed record KafkaApiFacts(string Endpoint, bool PortOpen, bool MetadataAnswered, int BrokerCount, int TopicCount, string? Detail)
{
    /// <summary>The listener refused the client's TLS handshake or SASL authentication: the probe's credentials, not the broker's health.</summary>
    public bool SecurityFailure { get; init; }
}
