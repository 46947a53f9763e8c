namespace KafkaAgent.Probes.Kafka;

/// <summary>Kafka's security.protocol values, as listener.security.protocol.map names them.</summary>
internal enum KafkaSecurityProtocol
{
    Plaintext,
    Ssl,
    SaslPlaintext,
    SaslSsl,
}

internal static class KafkaSecurityProtocols
{
    public static bool TryParse(string text, out KafkaSecurityProtocol protocol)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "PLAINTEXT": protocol = KafkaSecurityProtocol.Plaintext; return true;
            case "SSL": protocol = KafkaSecurityProtocol.Ssl; return true;
            case "SASL_PLAINTEXT": protocol = KafkaSecurityProtocol.SaslPlaintext; return true;
            case "SASL_SSL": protocol = KafkaSecurityProtocol.SaslSsl; return true;
            default: protocol = default; return false;
        }
    }

    public static string Name(this KafkaSecurityProtocol protocol) => protocol switch
    {
        KafkaSecurityProtocol.Ssl => "SSL",
        KafkaSecurityProtocol.SaslPlaintext => "SASL_PLAINTEXT",
        KafkaSecurityProtocol.SaslSsl => "SASL_SSL",
        _ => "PLAINTEXT",
    };

    public static bool UsesTls(this KafkaSecurityProtocol protocol) => protocol is KafkaSecurityProtocol.Ssl or KafkaSecurityProtocol.SaslSsl;

    public static bool UsesSasl(this KafkaSecurityProtocol protocol) => protocol is KafkaSecurityProtocol.SaslPlaintext or KafkaSecurityProtocol.SaslSsl;
}
