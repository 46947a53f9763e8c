using System.Diagnostics;
using KafkaAgent.Configuration;
using KafkaAgent.Configuration.Discovery;

namespace KafkaAgent.Tests.Configuration.Discovery;

/// <summary>
/// Discovery against real processes whose command lines look like the start scripts' (java ... kafka.Kafka
/// CONFIG), and real files in a temp dir standing for the usual installation places. Only this test's own
/// processes count, so brokers and ZooKeepers of other tests on the machine stay out.
/// </summary>
public sealed class ConfigLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kafka-agent-locate-").FullName;
    private readonly List<Process> _processes = [];

    [Fact]
    public void LocateKafka_RunningBroker_UsesItsLastArgumentOverUsualPlaces()
    {
        var started = Write("running/config/server.properties");
        var usual = Write("usr-local-kafka/config/server.properties");
        var broker = StartLookingLike("kafka.Kafka", started);

        var found = Locator([usual]).LocateKafka("agent.yaml");

        Assert.Equal(started, found.Path);
        Assert.Contains($"running kafka.Kafka, pid {broker.Id}", found.How, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateKafka_RelativeArgument_ResolvedFromTheProcessDirectory()
    {
        var config = Write("opt-kafka/config/server.properties");
        StartLookingLike("kafka.Kafka", "config/server.properties", workingDirectory: Path.Combine(_root, "opt-kafka"));

        var found = Locator([]).LocateKafka("agent.yaml");

        Assert.Equal(config, found.Path);
    }

    [Fact]
    public void LocateKafka_NoRunningBroker_FirstUsualPlaceThatExists()
    {
        var second = Write("opt-kafka/config/server.properties");
        Write("etc-kafka/server.properties");

        var found = Locator([Path.Combine(_root, "usr-local-kafka/config/server.properties"), second, Path.Combine(_root, "etc-kafka/server.properties")])
            .LocateKafka("agent.yaml");

        Assert.Equal(second, found.Path);
        Assert.Contains("usual place", found.How, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateKafka_ProcessWithoutKafkaClass_Ignored()
    {
        var other = Write("other/server.properties");
        StartLookingLike("kafka.tools.ConsoleConsumer", other);

        var error = Assert.Throws<ConfigurationException>(() => Locator([]).LocateKafka("agent.yaml"));

        Assert.DoesNotContain(other, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateKafka_NothingFound_OneLineNamingEveryPlaceLooked()
    {
        var places = new[] { Path.Combine(_root, "a/server.properties"), Path.Combine(_root, "b/server.properties") };

        var error = Assert.Throws<ConfigurationException>(() => Locator(places).LocateKafka("/etc/kafka-agent/agent.yaml"));

        Assert.Equal(
            $"/etc/kafka-agent/agent.yaml: kafka.server_properties: not set, no running kafka.Kafka process names one, and none of {places[0]}, {places[1]} exists; set it in agent.yaml",
            error.Message);
    }

    [Fact]
    public void LocateKafka_TwoBrokersWithDifferentFiles_RefusesToGuess()
    {
        var first = Write("one/server.properties");
        var second = Write("two/server.properties");
        var a = StartLookingLike("kafka.Kafka", first);
        var b = StartLookingLike("kafka.Kafka", second);

        var error = Assert.Throws<ConfigurationException>(() => Locator([]).LocateKafka("agent.yaml"));

        Assert.Contains($"pid {a.Id}: {first}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {b.Id}: {second}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateZooKeeper_RunningQuorumPeerMain_UsesItsConfig()
    {
        var zoo = Write("zk/conf/zoo.cfg");
        var usual = Write("usr-local-kafka/config/zookeeper.properties");
        var zk = StartLookingLike(RunningServiceArgument.ZooKeeperMainClass, zoo);

        var found = Locator([], [usual]).LocateZooKeeper("agent.yaml");

        Assert.Equal(zoo, found?.Path);
        Assert.Contains($"QuorumPeerMain, pid {zk.Id}", found!.How, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateZooKeeper_NothingRunningNothingInstalled_NoLocalZooKeeper()
    {
        var found = Locator([], [Path.Combine(_root, "missing/zookeeper.properties")]).LocateZooKeeper("agent.yaml");

        Assert.Null(found);
    }

    [Fact]
    public void Load_ServerPropertiesUnset_DiscoveredWithHomeAndSourcesNamed()
    {
        var home = Path.Combine(_root, "kafka");
        Directory.CreateDirectory(Path.Combine(home, "bin"));
        File.WriteAllText(Path.Combine(home, "bin", "kafka-server-start.sh"), "");
        var server = Write("kafka/config/server.properties", $"broker.id=4\nlog.dirs={_root}/data\nzookeeper.connect=127.0.0.1:2181\n");
        var broker = StartLookingLike("kafka.Kafka", server);
        var yaml = Write("agent.yaml", "kafka:\n  user: root\n  group: root\nzookeeper:\n  properties: none\nmetrics:\n  enabled: false\n");

        var settings = AgentConfigurationLoader.Load(yaml, new Dictionary<string, string?>(), Locator([]));

        Assert.Equal(server, settings.Kafka.ServerProperties);
        Assert.Equal(home, settings.Kafka.Home);
        Assert.Equal(4, settings.Kafka.BrokerId);
        var sources = settings.Sources.ToDictionary(s => s.Key);
        Assert.Equal($"discovery: from the command line of the running kafka.Kafka, pid {broker.Id}", sources["kafka.server_properties"].Source);
        Assert.Equal($"server.properties ({server})", sources["kafka.broker_id"].Source);
        Assert.Equal($"{yaml} line 2", sources["kafka.user"].Source);
        Assert.Equal("default", sources["interval_seconds"].Source);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    private ConfigLocator Locator(IReadOnlyList<string> kafkaPlaces, IReadOnlyList<string>? zooKeeperPlaces = null)
    {
        var mine = _processes.Select(p => p.Id).ToHashSet();
        return new ConfigLocator("/proc", mine.Contains, kafkaPlaces, zooKeeperPlaces ?? []);
    }

    private string Write(string relative, string text = "broker.id=1\n")
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A shell whose argv is a JVM's as the start scripts build it: java [options] -cp ... MAINCLASS CONFIG.</summary>
    private Process StartLookingLike(string mainClass, string config, string? workingDirectory = null)
    {
        // "; :" keeps the shell (and so its argv) alive instead of exec'ing sleep.
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory ?? _root };
        foreach (var argument in new[] { "-c", "sleep 300; :", "java", "-Xmx1G", "-cp", "/opt/kafka/libs/*", mainClass, config })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        _processes.Add(process);
        return process;
    }
}
