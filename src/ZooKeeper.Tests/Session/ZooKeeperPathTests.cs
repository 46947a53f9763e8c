using KafkaAgent.ZooKeeper.Session;

namespace KafkaAgent.ZooKeeper.Tests.Session;

public class ZooKeeperPathTests
{
    [Theory]
    [InlineData("/", "/kafka")]
    [InlineData("/brokers/ids", "/kafka/brokers/ids")]
    public void ToServer_WithChroot_Prefixes(string path, string expected)
    {
        Assert.Equal(expected, new ZooKeeperPath("/kafka").ToServer(path));
    }

    [Theory]
    [InlineData("/kafka", "/")]
    [InlineData("/kafka/brokers/ids/1", "/brokers/ids/1")]
    [InlineData("/kafkaesque", "/kafkaesque")]
    [InlineData("/other", "/other")]
    public void FromServer_WithChroot_Strips(string serverPath, string expected)
    {
        Assert.Equal(expected, new ZooKeeperPath("/kafka").FromServer(serverPath));
    }

    [Fact]
    public void Paths_WithoutChroot_Unchanged()
    {
        var paths = new ZooKeeperPath(null);

        Assert.Equal("/a", paths.ToServer("/a"));
        Assert.Equal("/a", paths.FromServer("/a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("/a/")]
    [InlineData("//a")]
    [InlineData("/a//b")]
    [InlineData("/a/./b")]
    [InlineData("/a/..")]
    [InlineData("/a\0b")]
    [InlineData("/a\u0001")]
    [InlineData("/a\u007f")]
    [InlineData("/a\ud800")]
    [InlineData("/a\ufff5")]
    public void ToServer_InvalidPath_ThrowsArgumentException(string path)
    {
        Assert.Throws<ArgumentException>(() => new ZooKeeperPath(null).ToServer(path));
    }

    [Theory]
    [InlineData("/a/", true, true)]
    [InlineData("/a/lock-", true, true)]
    [InlineData("/a/", false, false)]
    [InlineData("/a/.", true, true)]
    [InlineData("/.a", false, true)]
    [InlineData("/a..b", false, true)]
    [InlineData("/ü/ß", false, true)]
    [InlineData("/", true, true)]
    public void Validate_SequentialNameGetsSuffix_JudgedWithIt(string path, bool sequential, bool valid)
    {
        Assert.Equal(valid, ZooKeeperPath.Validate(path, sequential) is null);
    }
}
