using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Probes.Kafka;

namespace KafkaAgent.Configuration;

/// <summary>
/// Turns kafka.security.* and the probed listener's entry in server.properties into what the probe presents.
/// Everything is checked here, at start: a protocol the listener does not speak, a missing CA or key file, a SASL
/// mechanism the listener does not enable, a credentials file others can read. Each error is one line naming the
/// key and agent.yaml (or server.properties, when the value came from there).
/// </summary>
internal static class KafkaSecurityResolver
{
    public static readonly IReadOnlyList<string> SupportedMechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"];

    public static KafkaClientSecurity Resolve(string configPath, KafkaSecurityOptions o, KafkaServerConfig server, ProbeListener probe)
    {
        ConfigurationException Error(string key, string problem) => new($"{configPath}: {key}: {problem}");
        var listenerName = probe.Listener?.Name ?? probe.Endpoint.ToString();

        KafkaSecurityProtocol protocol;
        if (string.Equals(o.Protocol, "auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!KafkaSecurityProtocols.TryParse(probe.Protocol, out protocol))
            {
                throw new ConfigurationException(
                    $"kafka.server_properties: {server.SourcePath}: listener.security.protocol.map: listener {listenerName} maps to '{probe.Protocol}', not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
            }
        }
        else if (!KafkaSecurityProtocols.TryParse(o.Protocol, out protocol))
        {
            throw Error("kafka.security.protocol", $"'{o.Protocol}' is not one of auto, PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        }

        foreach (var (key, file) in new[] { ("kafka.security.ca_file", o.CaFile), ("kafka.security.cert_file", o.CertFile) })
        {
            if (file is { Length: > 0 })
            {
                CheckReadable(configPath, key, file);
            }
        }

        if (o.CertFile is { Length: > 0 } != o.KeyFile is { Length: > 0 })
        {
            throw Error(o.CertFile is { Length: > 0 } ? "kafka.security.key_file" : "kafka.security.cert_file",
                "kafka.security.cert_file and kafka.security.key_file go together: set both or neither");
        }

        // A listener that requires a client certificate drops a probe without one after the handshake, which the probe
        // cannot tell from a hung broker (kafka.api_unresponsive, healed by a restart): refuse that setup at start.
        if (protocol.UsesTls() && o.CertFile is not { Length: > 0 } && probe.Listener is { } tlsListener
            && server.ClientAuthOf(tlsListener) == "required")
        {
            throw Error("kafka.security.cert_file",
                $"required: listener {listenerName} of {server.SourcePath} has ssl.client.auth=required, and a probe without a client certificate would be refused");
        }

        if (o.KeyFile is { Length: > 0 } keyFile)
        {
            SecretFile.CheckPrivate(configPath, "kafka.security.key_file", keyFile);
        }

        var security = new KafkaClientSecurity(listenerName, protocol,
            CaFile: Empty(o.CaFile), CertFile: Empty(o.CertFile), KeyFile: Empty(o.KeyFile), VerifyHostname: o.VerifyHostname);
        if (!protocol.UsesSasl())
        {
            return security;
        }

        var mechanism = Mechanism(configPath, o, server, probe);
        if (o.CredentialsFile is not { Length: > 0 } credentialsFile)
        {
            throw Error("kafka.security.credentials_file", $"required: listener {listenerName} uses {protocol.Name()} ({mechanism})");
        }

        var credentials = SecretFile.ReadCredentials(configPath, "kafka.security.credentials_file", credentialsFile);
        return security with { SaslMechanism = mechanism, Username = credentials.Username, Password = credentials.Password };
    }

    private static string Mechanism(string configPath, KafkaSecurityOptions o, KafkaServerConfig server, ProbeListener probe)
    {
        if (o.SaslMechanism is { Length: > 0 } configured)
        {
            var upper = configured.Trim().ToUpperInvariant();
            return SupportedMechanisms.Contains(upper)
                ? upper
                : throw new ConfigurationException($"{configPath}: kafka.security.sasl_mechanism: '{configured}' is not one of {string.Join(", ", SupportedMechanisms)}");
        }

        var enabled = probe.Listener is null ? [] : server.SaslMechanismsOf(probe.Listener);
        return enabled.FirstOrDefault(SupportedMechanisms.Contains)
            ?? throw new ConfigurationException(
                $"{configPath}: kafka.security.sasl_mechanism: not set, and listener {probe.Listener?.Name ?? probe.Endpoint.ToString()} of {server.SourcePath} enables {(enabled.Count == 0 ? "no mechanism" : string.Join(", ", enabled))}, none of {string.Join(", ", SupportedMechanisms)}");
    }

    private static void CheckReadable(string configPath, string key, string file)
    {
        if (!Path.IsPathRooted(file))
        {
            throw new ConfigurationException($"{configPath}: {key}: '{file}' is not an absolute path");
        }

        if (!File.Exists(file))
        {
            throw new ConfigurationException($"{configPath}: {key}: {file} does not exist");
        }
    }

    private static string? Empty(string? s) => s is { Length: > 0 } ? s : null;
}
