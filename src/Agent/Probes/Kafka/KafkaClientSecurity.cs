using Confluent.Kafka;

namespace KafkaAgent.Probes.Kafka;

/// <summary>
/// What the Kafka API probe presents on the probed listener: the security protocol, and for TLS the CA (and a
/// client certificate), for SASL the mechanism and credentials. Resolved and checked once at start.
/// </summary>
/// <param name="Listener">The listener's name in server.properties (e.g. INTERNAL), for messages.</param>
/// <param name="SaslMechanism">PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; null without SASL.</param>
internal sealed record KafkaClientSecurity(
    string Listener,
    KafkaSecurityProtocol Protocol,
    string? SaslMechanism = null,
    string? Username = null,
    string? Password = null,
    string? CaFile = null,
    string? CertFile = null,
    string? KeyFile = null,
    bool VerifyHostname = false)
{
    public static KafkaClientSecurity Plaintext { get; } = new("PLAINTEXT", KafkaSecurityProtocol.Plaintext);

    /// <summary>One phrase for logs and findings, without secrets: "SSL (CA /etc/kafka-agent/ca.pem)", "SASL_SSL SCRAM-SHA-512 as agent".</summary>
    public string Describe()
    {
        var parts = new List<string> { Protocol.Name() };
        if (Protocol.UsesSasl())
        {
            parts.Add($"{SaslMechanism} as {Username}");
        }

        if (Protocol.UsesTls())
        {
            parts.Add(CaFile is null ? "(system CAs)" : $"(CA {CaFile})");
        }

        return string.Join(' ', parts);
    }

    // Never let the password reach a log line through the record's generated ToString.
    public override string ToString() => $"KafkaClientSecurity {{ Listener = {Listener}, {Describe()} }}";

    /// <summary>Sets librdkafka's security properties on a client configuration.</summary>
    public void Apply(ClientConfig config)
    {
        config.SecurityProtocol = Protocol switch
        {
            KafkaSecurityProtocol.Ssl => SecurityProtocol.Ssl,
            KafkaSecurityProtocol.SaslPlaintext => SecurityProtocol.SaslPlaintext,
            KafkaSecurityProtocol.SaslSsl => SecurityProtocol.SaslSsl,
            _ => SecurityProtocol.Plaintext,
        };
        if (Protocol.UsesTls())
        {
            config.SslCaLocation = CaFile;
            config.SslCertificateLocation = CertFile;
            config.SslKeyLocation = KeyFile;
            // The probe connects to the listener by loopback address, which broker certificates rarely name;
            // the chain to the configured CA is checked either way.
            config.SslEndpointIdentificationAlgorithm = VerifyHostname ? SslEndpointIdentificationAlgorithm.Https : SslEndpointIdentificationAlgorithm.None;
        }

        if (Protocol.UsesSasl())
        {
            config.SaslMechanism = SaslMechanism switch
            {
                "SCRAM-SHA-256" => Confluent.Kafka.SaslMechanism.ScramSha256,
                "SCRAM-SHA-512" => Confluent.Kafka.SaslMechanism.ScramSha512,
                _ => Confluent.Kafka.SaslMechanism.Plain,
            };
            config.SaslUsername = Username;
            config.SaslPassword = Password;
        }
    }
}
