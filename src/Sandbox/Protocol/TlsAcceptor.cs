using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KafkaAgent.Sandbox.Config;

namespace KafkaAgent.Sandbox.Protocol;

/// <summary>
/// The server side of an SSL listener: the broker's certificate from the key store, TLS 1.2 or 1.3 (Kafka 2.8's
/// ssl.enabled.protocols), and with ssl.client.auth a client certificate checked against the trust store's CAs.
/// </summary>
internal sealed class TlsAcceptor
{
    private readonly SslServerAuthenticationOptions _options;

    private TlsAcceptor(SslServerAuthenticationOptions options) => _options = options;

    /// <summary>Loads the key store (and trust store); a file that cannot be read fails start-up, as in Kafka.</summary>
    public static TlsAcceptor Load(TlsSettings tls)
    {
        X509Certificate2 certificate;
        X509Certificate2Collection? trusted = null;
        try
        {
            certificate = tls.KeystoreType == "PEM"
                ? tls.KeyPassword is { } keyPassword
                    ? X509Certificate2.CreateFromEncryptedPemFile(tls.KeystoreLocation, keyPassword)
                    : X509Certificate2.CreateFromPemFile(tls.KeystoreLocation)
                : X509CertificateLoader.LoadPkcs12FromFile(tls.KeystoreLocation, tls.KeystorePassword);
            if (tls.TruststoreLocation is { } truststore)
            {
                trusted = [];
                trusted.ImportFromPemFile(truststore);
            }
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("ssl.keystore.location", $"failed to load SSL keystore {tls.KeystoreLocation} of type {tls.KeystoreType}: {e.Message}");
        }

        var options = new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = tls.ClientAuth != "none",
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, _, errors) => ClientAllowed(tls.ClientAuth, trusted, cert, errors),
        };
        return new TlsAcceptor(options);
    }

    public async Task<SslStream> AuthenticateAsync(Stream transport, CancellationToken ct)
    {
        var ssl = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(_options, ct);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    private static bool ClientAllowed(string clientAuth, X509Certificate2Collection? trusted, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            return clientAuth != "required";
        }

        if (trusted is null)
        {
            return errors == SslPolicyErrors.None;
        }

        // Only the trust store's CAs count, not the machine's: what Kafka's truststore means.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(certificate);
    }
}
