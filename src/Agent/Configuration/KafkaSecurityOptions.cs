using Microsoft.Extensions.Configuration;

namespace KafkaAgent.Configuration;

/// <summary>kafka.security: how the Kafka API probe authenticates on a secured listener.</summary>
internal sealed class KafkaSecurityOptions
{
    /// <summary>auto (the probed listener's protocol from server.properties), PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.</summary>
    [ConfigurationKeyName("protocol")]
    public string Protocol { get; set; } = "auto";

    /// <summary>PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; default: the first of these the listener enables.</summary>
    [ConfigurationKeyName("sasl_mechanism")]
    public string? SaslMechanism { get; set; }

    /// <summary>username= and password= lines (Java properties); readable by the agent's user only.</summary>
    [ConfigurationKeyName("credentials_file")]
    public string? CredentialsFile { get; set; }

    /// <summary>PEM file of the CA(s) that signed the broker's certificate; default: the system's trust store.</summary>
    [ConfigurationKeyName("ca_file")]
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate, for a listener with ssl.client.auth=required.</summary>
    [ConfigurationKeyName("cert_file")]
    public string? CertFile { get; set; }

    /// <summary>PEM private key of <see cref="CertFile"/> (unencrypted); readable by the agent's user only.</summary>
    [ConfigurationKeyName("key_file")]
    public string? KeyFile { get; set; }

    /// <summary>Check the broker certificate's host name against the probed host (the CA chain is always checked).</summary>
    [ConfigurationKeyName("verify_hostname")]
    public bool VerifyHostname { get; set; }
}
