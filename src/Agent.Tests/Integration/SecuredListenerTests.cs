using System.Globalization;
using System.Text.Json;
using KafkaAgent.Configuration;
using KafkaAgent.Diagnosis;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.TestBed.Ports;
using KafkaAgent.TestBed.Tls;
using KafkaAgent.Tests.Support;
using KafkaAgent.ZooKeeper;

namespace KafkaAgent.Tests.Integration;

/// <summary>
/// The Kafka API probe against the broker stand-in's SSL listener (TLS with a throw-away CA, client certificates
/// required), with Debian's ZooKeeper: agent.yaml as an operator writes it, resolved by the real loader, then the
/// probe through librdkafka; likewise a SASL_PLAINTEXT listener with PLAIN users. The stand-in registers both
/// endpoints in /brokers/ids as Kafka does.
/// </summary>
[Trait("Category", "Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SecuredListenerTests : IClassFixture<StandaloneFixture>, IAsyncLifetime, IDisposable
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private readonly StandaloneFixture _zooKeeper;
    private readonly HostFiles _host = new();
    private readonly PortLease _sslPort = PortAllocator.Allocate();
    private readonly PortLease _saslPort = PortAllocator.Allocate();
    private readonly ThrowAwayCa _ca;
    private readonly ThrowAwayCa _otherCa;
    private readonly (string ChainAndKey, string CertificateOnly, string KeyOnly) _client;
    private StandInBroker? _broker;

    public SecuredListenerTests(StandaloneFixture zooKeeper)
    {
        this._zooKeeper = zooKeeper;
        _ca = new ThrowAwayCa(Path.Combine(_host.Root, "pki"), "test-ca");
        _otherCa = new ThrowAwayCa(Path.Combine(_host.Root, "pki-other"), "other-ca");
        _client = _ca.Issue("kafka-agent");
    }

    public async Task InitializeAsync()
    {
        var (brokerKeystore, _, _) = _ca.Issue("broker-1");
        var chroot = "/tls-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(_host.ServerProperties, string.Create(CultureInfo.InvariantCulture, $"""
            broker.id=1
            log.dirs={_host.LogDir}
            listeners=SSL://127.0.0.1:{_sslPort.Port},SASL_PLAINTEXT://127.0.0.1:{_saslPort.Port}
            security.inter.broker.protocol=SSL
            sasl.enabled.mechanisms=PLAIN
            listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" user_admin="admin-secret" user_kafka-agent="agent-secret";
            ssl.keystore.type=PEM
            ssl.keystore.location={brokerKeystore}
            ssl.truststore.type=PEM
            ssl.truststore.location={_ca.CertificatePath}
            ssl.client.auth=required
            zookeeper.connect={_zooKeeper.Server.Endpoint}{chroot}
            zookeeper.session.timeout.ms=6000
            """));
        _host.WithZooKeeper(_zooKeeper.Server.ClientPort);
        _sslPort.Dispose(); // the stand-in binds them now
        _saslPort.Dispose();
        _broker = StandInBroker.Start(_host.ServerProperties);
        await _broker.WaitListeningAsync(_sslPort.Port, TimeSpan.FromSeconds(60));
        await _broker.WaitListeningAsync(_saslPort.Port, TimeSpan.FromSeconds(10));
    }

    private AgentSettings Settings(string security, string kafkaExtra = "")
    {
        _host.WithAgentYaml();
        File.WriteAllText(_host.AgentYaml, File.ReadAllText(_host.AgentYaml)
            .Replace("  user: root", "  user: root\n" + kafkaExtra + "  security:\n" + security, StringComparison.Ordinal));
        return AgentConfigurationLoader.Load(_host.AgentYaml, NoEnvironment);
    }

    private static Task<KafkaApiFacts> ProbeAsync(AgentSettings settings) =>
        new KafkaApiProbe(settings.Kafka.ProbeEndpoint, TimeSpan.FromSeconds(5), TimeSpan.Zero, TimeProvider.System, settings.Kafka.Security)
            .ProbeAsync(CancellationToken.None);

    [Fact]
    public async Task Probe_SslListenerWithItsCaAndClientCertificate_MetadataAnswered()
    {
        var settings = Settings($"    ca_file: {_ca.CertificatePath}\n    cert_file: {_client.CertificateOnly}\n    key_file: {_client.KeyOnly}\n");

        var facts = await ProbeAsync(settings);

        Assert.Equal(KafkaSecurityProtocol.Ssl, settings.Kafka.Security.Protocol);
        Assert.Equal("the inter-broker listener", settings.Kafka.ProbeReason);
        Assert.True(facts.MetadataAnswered, $"{facts.Detail}\n{_broker!.Output}");
        Assert.Equal(1, facts.BrokerCount);
        Assert.False(facts.SecurityFailure);
        Assert.Empty(KafkaRules.EvaluateApi(facts, null).Findings);
    }

    [Fact]
    public async Task Probe_SslListenerWithAnotherCa_AuthFailedFindingNotUnresponsive()
    {
        var settings = Settings($"    ca_file: {_otherCa.CertificatePath}\n    cert_file: {_client.CertificateOnly}\n    key_file: {_client.KeyOnly}\n");

        var facts = await ProbeAsync(settings);
        var (_, findings) = KafkaRules.EvaluateApi(facts, null);

        Assert.True(facts.PortOpen);
        Assert.False(facts.MetadataAnswered);
        Assert.True(facts.SecurityFailure, facts.Detail);
        Assert.Contains("certificate verify failed", facts.Detail, StringComparison.OrdinalIgnoreCase);
        var finding = Assert.Single(findings);
        Assert.Equal(FindingIds.KafkaApiAuthFailed, finding.Id);
        Assert.Contains(_otherCa.CertificatePath, finding.Summary, StringComparison.Ordinal);
    }

    private string Credentials(string password)
    {
        var path = Path.Combine(_host.Root, "kafka.secret");
        File.WriteAllText(path, $"username=kafka-agent\npassword={password}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [Fact]
    public async Task Probe_SaslPlaintextListenerWithThePassword_MetadataAnswered()
    {
        var settings = Settings($"    credentials_file: {Credentials("agent-secret")}\n", "  listener_name: SASL_PLAINTEXT\n");

        var facts = await ProbeAsync(settings);

        Assert.Equal(KafkaSecurityProtocol.SaslPlaintext, settings.Kafka.Security.Protocol);
        Assert.Equal("PLAIN", settings.Kafka.Security.SaslMechanism);
        Assert.Equal($"127.0.0.1:{_saslPort.Port}", settings.Kafka.ProbeEndpoint.ToString());
        Assert.True(facts.MetadataAnswered, $"{facts.Detail}\n{_broker!.Output}");
        Assert.Equal(1, facts.BrokerCount);
    }

    [Fact]
    public async Task Probe_SaslPlaintextListenerWithAWrongPassword_AuthFailedFinding()
    {
        var settings = Settings($"    credentials_file: {Credentials("guess")}\n", "  listener_name: SASL_PLAINTEXT\n");

        var facts = await ProbeAsync(settings);
        var (_, findings) = KafkaRules.EvaluateApi(facts, null);

        Assert.False(facts.MetadataAnswered);
        Assert.True(facts.SecurityFailure, facts.Detail);
        Assert.Contains("Authentication failed", facts.Detail, StringComparison.Ordinal);
        Assert.Equal(FindingIds.KafkaApiAuthFailed, Assert.Single(findings).Id);
        Assert.DoesNotContain("guess", facts.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_SslListener_EndpointAndProtocolMapAsKafkaWritesThem()
    {
        var server = File.ReadAllLines(_host.ServerProperties).Single(l => l.StartsWith("zookeeper.connect=", StringComparison.Ordinal))["zookeeper.connect=".Length..];
        await using var zk = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectionString = server });

        using var json = JsonDocument.Parse((await zk.GetDataAsync("/brokers/ids/1")).Data);

        var root = json.RootElement;
        Assert.Equal([$"SSL://127.0.0.1:{_sslPort.Port}", $"SASL_PLAINTEXT://127.0.0.1:{_saslPort.Port}"],
            root.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("SSL", root.GetProperty("listener_security_protocol_map").GetProperty("SSL").GetString());
        Assert.Equal("SASL_PLAINTEXT", root.GetProperty("listener_security_protocol_map").GetProperty("SASL_PLAINTEXT").GetString());
        Assert.Equal(-1, root.GetProperty("port").GetInt32()); // host/port name a PLAINTEXT endpoint only
        Assert.Equal(JsonValueKind.Null, root.GetProperty("host").ValueKind);
    }

    public Task DisposeAsync()
    {
        _broker?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _broker?.Dispose();
        _sslPort.Dispose();
        _saslPort.Dispose();
        _ca.Dispose();
        _otherCa.Dispose();
        _host.Dispose();
    }
}
