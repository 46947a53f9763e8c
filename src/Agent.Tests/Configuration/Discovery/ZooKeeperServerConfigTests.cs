using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Tests.Configuration.Discovery;

public sealed class ZooKeeperServerConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("zkcfg-").FullName;

    [Fact]
    public void Read_EnsembleConfig_ListsServersAndJoinGrace()
    {
        var path = Path.Combine(_directory, "zoo.cfg");
        File.WriteAllText(path, "tickTime=2000\ninitLimit=10\nclientPort=2182\ndataDir=/var/zk\nserver.2=b:2888:3888\nserver.1=a:2888:3888;2181\nserver.3=c:2888:3888:observer\n");

        var c = ZooKeeperServerConfig.Read(path);

        Assert.Equal(2182, c.ClientPort);
        Assert.Equal("/var/zk", c.DataDir);
        Assert.Equal(["a", "b", "c"], c.Ensemble.Select(p => p.Host));
        Assert.True(c.ExpectsEnsemble);
        Assert.Equal(TimeSpan.FromSeconds(20), c.JoinGrace);
    }

    [Fact]
    public void Read_DynamicConfigFile_AddsItsServers()
    {
        var path = Path.Combine(_directory, "zoo.cfg");
        File.WriteAllText(Path.Combine(_directory, "zoo.cfg.dynamic"), "server.1=a:2888:3888;2181\nserver.2=b:2888:3888;2181\n");
        File.WriteAllText(path, "dataDir=/z\ndynamicConfigFile=zoo.cfg.dynamic\n");

        var c = ZooKeeperServerConfig.Read(path);

        Assert.Equal(2, c.Ensemble.Count);
        Assert.Equal(2181, c.ClientPort);
    }

    [Fact]
    public void Read_Standalone_ExpectsNoEnsemble()
    {
        var path = Path.Combine(_directory, "zoo.cfg");
        File.WriteAllText(path, "clientPort=2181\n");

        Assert.False(ZooKeeperServerConfig.Read(path).ExpectsEnsemble);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
