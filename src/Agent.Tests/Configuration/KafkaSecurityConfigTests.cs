using KafkaAgent.Configuration;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Tests.Support;

namespace KafkaAgent.Tests.Configuration;

/// <summary>kafka.security.* and zookeeper.auth_file as the loader resolves and checks them at start.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KafkaSecurityConfigTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private readonly HostFiles _host = new HostFiles().WithZooKeeper(2181, "zk1", "zk2", "zk3");

    private string Secret(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_host.Root, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private AgentSettings Load(string serverExtra, string security, string zooKeeperExtra = "")
    {
        _host.WithServer(extra: serverExtra).WithAgentYaml();
        var yaml = File.ReadAllText(_host.AgentYaml).Replace("  user: root", "  user: root\n  security:\n" + security, StringComparison.Ordinal);
        if (zooKeeperExtra.Length > 0)
        {
            yaml = yaml.Replace("  timeout_seconds: 2\n", "  timeout_seconds: 2\n" + zooKeeperExtra, StringComparison.Ordinal);
        }

        File.WriteAllText(_host.AgentYaml, yaml);
        return AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);
    }

    private ConfigurationException Refused(string serverExtra, string security, string zooKeeperExtra = "") =>
        Assert.Throws<ConfigurationException>(() => Load(serverExtra, security, zooKeeperExtra));

    // HostFiles' server.properties has listeners=PLAINTEXT://127.0.0.1:1; these replace it.
    private const string SaslSslOnly = "listeners=SASL_SSL://127.0.0.1:9094\nsecurity.inter.broker.protocol=SASL_SSL\nsasl.enabled.mechanisms=GSSAPI,SCRAM-SHA-512\n";

    [Fact]
    public void Load_SaslSslListenerWithPrivateCredentials_MechanismFromServerProperties()
    {
        var credentials = Secret("kafka.secret", "username=agent\npassword=s3cret\n");
        var ca = Secret("ca.pem", "-----BEGIN CERTIFICATE-----\n", UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var settings = Load(SaslSslOnly, $"    credentials_file: {credentials}\n    ca_file: {ca}\n");

        var security = settings.Kafka.Security;
        Assert.Equal(KafkaSecurityProtocol.SaslSsl, security.Protocol);
        Assert.Equal("SCRAM-SHA-512", security.SaslMechanism); // GSSAPI is listed first but the agent cannot speak it
        Assert.Equal("agent", security.Username);
        Assert.Equal("s3cret", security.Password);
        Assert.Equal(ca, security.CaFile);
        Assert.Equal("127.0.0.1:9094", settings.Kafka.ProbeEndpoint.ToString());
        Assert.DoesNotContain("s3cret", security.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CredentialsFileReadableByGroup_RefusedNamingKeyFileAndMode()
    {
        var credentials = Secret("kafka.secret", "username=agent\npassword=s3cret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Refused(SaslSslOnly, $"    credentials_file: {credentials}\n");

        Assert.Equal($"{_host.AgentYaml}: kafka.security.credentials_file: {credentials} is readable by group or others (mode 0640); make it private: chmod 600 {credentials}", error.Message);
    }

    [Fact]
    public void Load_SaslListenerWithoutCredentialsFile_RefusedNamingTheKey()
    {
        var error = Refused(SaslSslOnly, "    protocol: auto\n");

        Assert.Equal($"{_host.AgentYaml}: kafka.security.credentials_file: required: listener SASL_SSL uses SASL_SSL (SCRAM-SHA-512)", error.Message);
    }

    [Fact]
    public void Load_ListenerEnablesOnlyGssapi_RefusedNamingMechanismKey()
    {
        var credentials = Secret("kafka.secret", "username=agent\npassword=x\n");

        var error = Refused("listeners=SASL_PLAINTEXT://127.0.0.1:9095\nsecurity.inter.broker.protocol=SASL_PLAINTEXT\n", $"    credentials_file: {credentials}\n");

        Assert.StartsWith($"{_host.AgentYaml}: kafka.security.sasl_mechanism: not set, and listener SASL_PLAINTEXT of {_host.ServerProperties} enables GSSAPI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownProtocol_RefusedNamingKey()
    {
        var error = Refused("", "    protocol: TLS\n");

        Assert.Equal($"{_host.AgentYaml}: kafka.security.protocol: 'TLS' is not one of auto, PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", error.Message);
    }

    [Fact]
    public void Load_CertificateWithoutKey_RefusedNamingTheMissingKey()
    {
        var cert = Secret("client.crt", "x");

        var error = Refused("", $"    protocol: SSL\n    cert_file: {cert}\n");

        Assert.Equal($"{_host.AgentYaml}: kafka.security.key_file: kafka.security.cert_file and kafka.security.key_file go together: set both or neither", error.Message);
    }

    [Fact]
    public void Load_ListenerRequiresClientCertificateAndNoneConfigured_RefusedNamingCertFile()
    {
        var error = Refused("listeners=SSL://127.0.0.1:9093\nlistener.name.ssl.ssl.client.auth=required\n", "    protocol: auto\n");

        Assert.StartsWith($"{_host.AgentYaml}: kafka.security.cert_file: required: listener SSL of {_host.ServerProperties} has ssl.client.auth=required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ListenerRequestsClientCertificateOnly_NoCertificateNeeded()
    {
        var settings = Load("listeners=SSL://127.0.0.1:9093\nssl.client.auth=requested\n", "    protocol: auto\n");

        Assert.Equal(KafkaSecurityProtocol.Ssl, settings.Kafka.Security.Protocol);
        Assert.Null(settings.Kafka.Security.CertFile);
    }

    [Fact]
    public void Load_MissingCaFile_RefusedNamingKeyAndPath()
    {
        var error = Refused("", "    protocol: SSL\n    ca_file: /nonexistent/ca.pem\n");

        Assert.Equal($"{_host.AgentYaml}: kafka.security.ca_file: /nonexistent/ca.pem does not exist", error.Message);
    }

    [Fact]
    public void Load_ProtocolMapNamesAnUnknownProtocol_RefusedNamingServerProperties()
    {
        var error = Refused("listeners=INTERNAL://127.0.0.1:9092\nlistener.security.protocol.map=INTERNAL:KERBEROS\ninter.broker.listener.name=INTERNAL\n", "    protocol: auto\n");

        Assert.StartsWith($"kafka.server_properties: {_host.ServerProperties}: listener.security.protocol.map: listener INTERNAL maps to 'KERBEROS'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PlaintextListener_NoSecurityNeeded()
    {
        var settings = Load("", "    protocol: auto\n");

        Assert.Equal(KafkaSecurityProtocol.Plaintext, settings.Kafka.Security.Protocol);
        Assert.Null(settings.ZooKeeper.Auth);
    }

    [Fact]
    public void Load_ZooKeeperAuthFile_CredentialsRead()
    {
        var auth = Secret("zk.secret", "username=kafka-agent\npassword=pw\n");

        var settings = Load("", "    protocol: auto\n", $"  auth_file: {auth}\n");

        Assert.Equal("kafka-agent", settings.ZooKeeper.Auth!.Username);
        Assert.Equal("pw", settings.ZooKeeper.Auth.Password);
    }

    [Fact]
    public void Load_ZooKeeperAuthFileReadableByOthers_RefusedNamingKeyAndFile()
    {
        var auth = Secret("zk.secret", "username=kafka-agent\npassword=pw\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Refused("", "    protocol: auto\n", $"  auth_file: {auth}\n");

        Assert.Equal($"{_host.AgentYaml}: zookeeper.auth_file: {auth} is readable by group or others (mode 0604); make it private: chmod 600 {auth}", error.Message);
    }

    [Fact]
    public void Load_ZooKeeperAuthFileWithoutPassword_RefusedNamingTheLine()
    {
        var auth = Secret("zk.secret", "username=kafka-agent\n");

        var error = Refused("", "    protocol: auto\n", $"  auth_file: {auth}\n");

        Assert.Equal($"{_host.AgentYaml}: zookeeper.auth_file: {auth} has no password= line", error.Message);
    }

    public void Dispose() => _host.Dispose();
}
