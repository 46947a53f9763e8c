using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KafkaAgent.TestBed.Tls;

/// <summary>
/// A certificate authority made for one test run, and leaf certificates it signs, written as PEM files the way an
/// operator's PKI hands them out: the CA's certificate alone, and each leaf's certificate chain with its private key
/// (what Kafka's ssl.keystore.type=PEM reads). Keys are EC P-256; nothing is kept outside <see cref="Directory"/>.
/// </summary>
public sealed class ThrowAwayCa : IDisposable
{
    private readonly ECDsa _key;
    private readonly X509Certificate2 _certificate;

    public ThrowAwayCa(string directory, string name)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = TimeProvider.System.GetUtcNow(); // certificates are checked against the real clock
        _certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        CertificatePath = Path.Combine(directory, $"{name}.pem");
        File.WriteAllText(CertificatePath, _certificate.ExportCertificatePem() + "\n");
    }

    public string Directory { get; }

    /// <summary>The CA's certificate (PEM): what a client's ca_file / a broker's trust store holds.</summary>
    public string CertificatePath { get; }

    /// <summary>
    /// Issues a certificate for <paramref name="commonName"/> (server and client use, SAN localhost and 127.0.0.1) and
    /// writes one PEM file with the certificate, the CA's certificate and the unencrypted PKCS#8 key, mode 0600.
    /// Returns that file and a second path holding only the key (for clients that take certificate and key apart).
    /// </summary>
    public (string ChainAndKey, string CertificateOnly, string KeyOnly) Issue(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // serverAuth, clientAuth
        var now = TimeProvider.System.GetUtcNow(); // certificates are checked against the real clock
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(_certificate, now.AddMinutes(-5), now.AddHours(23), serial);
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        var certPem = issued.ExportCertificatePem();

        var chainAndKey = Path.Combine(Directory, $"{commonName}.pem");
        var certificateOnly = Path.Combine(Directory, $"{commonName}.crt");
        var keyOnly = Path.Combine(Directory, $"{commonName}.key");
        WritePrivate(chainAndKey, $"{keyPem}\n{certPem}\n{_certificate.ExportCertificatePem()}\n");
        File.WriteAllText(certificateOnly, certPem + "\n");
        WritePrivate(keyOnly, keyPem + "\n");
        return (chainAndKey, certificateOnly, keyOnly);
    }

    private static void WritePrivate(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }
}
