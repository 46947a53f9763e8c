using KafkaAgent.Sandbox.Config;

namespace KafkaAgent.Sandbox.Tests.Config;

/// <summary>The SSL keys of server.properties the stand-in's TLS listener reads, and Kafka's refusals.</summary>
public class TlsConfigTests
{
    private static BrokerConfig Parse(string extra) => BrokerConfig.FromProperties(JavaProperties.Parse(
        "broker.id=1\nzookeeper.connect=zk1:2181\nlisteners=PLAINTEXT://127.0.0.1:9092,SSL://127.0.0.1:9093\n" + extra), "server.properties");

    [Fact]
    public void FromProperties_SslListenerWithPemKeystore_TlsSettingsRead()
    {
        var config = Parse("ssl.keystore.type=PEM\nssl.keystore.location=/etc/kafka/broker.pem\nssl.client.auth=required\nssl.truststore.type=PEM\nssl.truststore.location=/etc/kafka/ca.pem\n");

        Assert.Equal(new TlsSettings("/etc/kafka/broker.pem", "PEM", null, null, "required", "/etc/kafka/ca.pem"), config.Tls);
        Assert.Equal("SSL", config.AdvertisedListeners[1].SecurityProtocol);
    }

    [Fact]
    public void FromProperties_SslListenerWithoutKeystore_RefusedNamingKeyAndListener()
    {
        var error = Assert.Throws<ConfigException>(() => Parse(""));

        Assert.Equal("ssl.keystore.location", error.Key);
        Assert.Contains("listener SSL is SSL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromProperties_ClientAuthRequiredWithoutTruststore_RefusedNamingTruststore()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("ssl.keystore.type=PKCS12\nssl.keystore.location=/k.p12\nssl.client.auth=required\n"));

        Assert.Equal("ssl.truststore.location", error.Key);
    }

    [Fact]
    public void FromProperties_JksKeystore_RefusedNamingType()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("ssl.keystore.location=/k.jks\n"));

        Assert.Equal("ssl.keystore.type", error.Key);
        Assert.Contains("'JKS'", error.Message, StringComparison.Ordinal);
    }
}
