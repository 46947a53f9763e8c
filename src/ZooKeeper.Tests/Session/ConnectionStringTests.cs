using KafkaAgent.ZooKeeper.Session;

namespace KafkaAgent.ZooKeeper.Tests.Session;

public class ConnectionStringTests
{
    [Fact]
    public void Parse_HostsAndChroot_SplitsThem()
    {
        var parsed = ConnectionString.Parse("h1:2181,h2:2182/kafka/prod");

        Assert.Equal([new HostEndpoint("h1", 2181), new HostEndpoint("h2", 2182)], parsed.Hosts);
        Assert.Equal("/kafka/prod", parsed.Chroot);
    }

    [Fact]
    public void Parse_NoPortNoChroot_DefaultsTo2181()
    {
        var parsed = ConnectionString.Parse(" zk.example.org ");

        Assert.Equal([new HostEndpoint("zk.example.org", 2181)], parsed.Hosts);
        Assert.Null(parsed.Chroot);
    }

    [Fact]
    public void Parse_RootChroot_MeansNone()
    {
        Assert.Null(ConnectionString.Parse("127.0.0.1:2181/").Chroot);
    }

    [Fact]
    public void Parse_BracketedIpv6_ReadsAddressAndPort()
    {
        var parsed = ConnectionString.Parse("[::1]:2281,[fe80::1]");

        Assert.Equal([new HostEndpoint("::1", 2281), new HostEndpoint("fe80::1", 2181)], parsed.Hosts);
        Assert.Equal("[::1]:2281", parsed.Hosts[0].ToString());
    }

    [Fact]
    public void Parse_EmptyEntries_Skipped()
    {
        Assert.Equal(2, ConnectionString.Parse("a:1,,b:2,").Hosts.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/chroot")]
    [InlineData("h:0")]
    [InlineData("h:65536")]
    [InlineData("h:abc")]
    [InlineData("h:-1")]
    [InlineData(":2181")]
    [InlineData("::1:2181")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("h:2181/kafka/")]
    [InlineData("h:2181/kafka//x")]
    [InlineData("h:2181/kafka/../x")]
    public void Parse_Invalid_ThrowsArgumentExceptionNamingTheInput(string value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ConnectionString.Parse(value));

        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }
}
