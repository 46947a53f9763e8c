using KafkaAgent.Sandbox.Config;

namespace KafkaAgent.Sandbox.Tests.Config;

public class ConfigTests
{
    [Fact]
    public void Parse_JavaPropertiesSyntax_ReadsKeysAsJavaDoes()
    {
        var p = JavaProperties.Parse("# comment\n! also\nbroker.id = 7\nlog.dirs:/a,\\\n   /b\nkey\\ with\\ space=v\\tx\nempty=\n");

        Assert.Equal("7", p["broker.id"]);
        Assert.Equal("/a,/b", p["log.dirs"]);
        Assert.Equal("v\tx", p["key with space"]);
        Assert.Equal(string.Empty, p["empty"]);
    }

    [Fact]
    public void FromProperties_KafkaServerProperties_TypedWithKafkaDefaults()
    {
        var config = BrokerConfig.FromProperties(JavaProperties.Parse("""
            broker.id=2
            log.dirs=/var/kafka,/var/kafka2
            listeners=PLAINTEXT://127.0.0.1:9092,INTERNAL://127.0.0.1:9093
            listener.security.protocol.map=PLAINTEXT:PLAINTEXT,INTERNAL:SASL_PLAINTEXT
            zookeeper.connect=zk1:2181,zk2:2181/kafka
            broker.rack=r1
            """), "server.properties");

        Assert.Equal(2, config.BrokerId);
        Assert.Equal(["/var/kafka", "/var/kafka2"], config.LogDirs);
        Assert.Equal("INTERNAL", config.AdvertisedListeners[1].ListenerName);
        Assert.Equal("SASL_PLAINTEXT", config.AdvertisedListeners[1].SecurityProtocol);
        Assert.Equal(TimeSpan.FromSeconds(18), config.ZooKeeperSessionTimeout);
        Assert.Equal("r1", config.Rack);
    }

    [Fact]
    public void FromProperties_MissingZookeeperConnect_NamesKeyAndFile()
    {
        var e = Assert.Throws<ConfigException>(() => BrokerConfig.FromProperties(JavaProperties.Parse("broker.id=1"), "/etc/kafka/server.properties"));

        Assert.Contains("zookeeper.connect", e.Message, StringComparison.Ordinal);
        Assert.Contains("/etc/kafka/server.properties", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListenerWithoutProtocolMapping_IsRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ListenerEndpoint.Parse("FOO://h:1", new Dictionary<string, string>(), "listeners"));

        Assert.Equal("listeners", e.Key);
    }
}
