namespace KafkaAgent.Sandbox.Config;

/// <summary>
/// Kafka's broker-wide SSL keys (the listener.name.&lt;name&gt;. overrides are not honoured): a PKCS12 or PEM key
/// store (Kafka 2.7+ reads PEM: key and certificate chain in one file), and for client authentication a PEM trust store.
/// </summary>
/// <param name="ClientAuth">ssl.client.auth: none, requested or required.</param>
internal sealed record TlsSettings(string KeystoreLocation, string KeystoreType, string? KeystorePassword, string? KeyPassword,
    string ClientAuth, string? TruststoreLocation)
{
    /// <summary>null when ssl.keystore.location is not set.</summary>
    public static TlsSettings? From(Func<string, string?> get, string sourcePath)
    {
        if (get("ssl.keystore.location") is not { } location)
        {
            return null;
        }

        var type = (get("ssl.keystore.type") ?? "JKS").ToUpperInvariant();
        if (type is not ("PKCS12" or "PEM"))
        {
            throw new ConfigException("ssl.keystore.type", $"'{type}' is not served by the stand-in; use PKCS12 or PEM (in {sourcePath})");
        }

        var clientAuth = (get("ssl.client.auth") ?? "none").ToLowerInvariant();
        if (clientAuth is not ("none" or "requested" or "required"))
        {
            throw new ConfigException("ssl.client.auth", $"'{clientAuth}' is not one of none, requested, required (in {sourcePath})");
        }

        var truststore = get("ssl.truststore.location");
        if (clientAuth != "none" && truststore is null)
        {
            throw new ConfigException("ssl.truststore.location", $"required when ssl.client.auth is {clientAuth} (in {sourcePath})");
        }

        if (truststore is not null && !string.Equals(get("ssl.truststore.type") ?? "JKS", "PEM", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigException("ssl.truststore.type", $"the stand-in reads PEM trust stores only (in {sourcePath})");
        }

        return new TlsSettings(location, type, get("ssl.keystore.password"), get("ssl.key.password"), clientAuth, truststore);
    }
}
