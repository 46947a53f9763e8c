using KafkaAgent.Configuration;
using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Tests.Configuration.Discovery;

public sealed class KafkaServerConfigTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    [Fact]
    public void Read_TypicalServerProperties_ExtractsWhatTheAgentNeeds()
    {
        File.WriteAllText(_path, """
            broker.id=2
            log.dirs=/var/kafka/a,/var/kafka/b
            listeners=PLAINTEXT://0.0.0.0:9092,SSL://:9093
            advertised.listeners=PLAINTEXT://broker2.example:9092,SSL://broker2.example:9093
            zookeeper.connect=zk1:2181,zk2:2181,zk3:2181/kafka/prod
            zookeeper.session.timeout.ms=6000
            """);

        var c = KafkaServerConfig.Read(_path);

        Assert.Equal(2, c.BrokerId);
        Assert.Equal(["/var/kafka/a", "/var/kafka/b"], c.LogDirs);
        Assert.True(c.Listeners[0].IsWildcardHost);
        Assert.True(c.Listeners[1].IsWildcardHost);
        Assert.Equal("broker2.example", c.AdvertisedListeners[0].Host);
        Assert.Equal(3, c.ZooKeeperConnect!.Hosts.Count);
        Assert.Equal("/kafka/prod", c.ZooKeeperConnect.Chroot);
        Assert.Equal(TimeSpan.FromSeconds(6), c.ZooKeeperSessionTimeout);
    }

    [Fact]
    public void Read_Defaults_AreKafkas()
    {
        File.WriteAllText(_path, "log.dir=/data/k\n");

        var c = KafkaServerConfig.Read(_path);

        Assert.Null(c.BrokerId);
        Assert.Equal(["/data/k"], c.LogDirs);
        Assert.Equal("PLAINTEXT://:9092", c.Listeners.Single().ToString());
        Assert.Null(c.ZooKeeperConnect);
        Assert.Equal(TimeSpan.FromSeconds(18), c.ZooKeeperSessionTimeout);
    }

    [Theory]
    [InlineData("broker.id=one", "broker.id: 'one' is not a broker id")]
    [InlineData("listeners=localhost:9092", "listeners: 'localhost:9092' is not NAME://host:port")]
    [InlineData("zookeeper.connect=zk1", "zookeeper.connect: 'zk1' is not host:port")]
    public void Read_BadValue_NamesPropertyAndFile(string line, string expected)
    {
        File.WriteAllText(_path, line + "\n");

        var error = Assert.Throws<ConfigurationException>(() => KafkaServerConfig.Read(_path));

        Assert.StartsWith($"kafka.server_properties: {_path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProtocolOf_MappedListenerName_UsesTheMap()
    {
        File.WriteAllText(_path, "listeners=INTERNAL://:9092,EXTERNAL://:9094\nlistener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:SSL\n");

        var c = KafkaServerConfig.Read(_path);

        Assert.Equal("PLAINTEXT", c.ProtocolOf(c.Listeners[0]));
        Assert.Equal("SSL", c.ProtocolOf(c.Listeners[1]));
    }

    public void Dispose() => File.Delete(_path);
}
