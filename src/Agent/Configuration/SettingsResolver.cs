using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Configuration;

/// <summary>Fills what agent.yaml leaves unset from server.properties and the local ZooKeeper config.</summary>
internal static class SettingsResolver
{
    public static AgentSettings Resolve(string configPath, AgentOptions o)
    {
        ConfigurationException Error(string key, string problem) => new($"{configPath}: {key}: {problem}");

        var server = KafkaServerConfig.Read(o.Kafka.ServerProperties);
        var logDirs = o.Kafka.LogDirs.Count > 0 ? o.Kafka.LogDirs : server.LogDirs;
        foreach (var dir in logDirs)
        {
            if (!Path.IsPathRooted(dir))
            {
                throw Error("kafka.log_dirs", $"'{dir}' is not an absolute path");
            }
        }

        var brokerId = o.Kafka.BrokerId ?? server.BrokerId ?? KafkaServerConfig.ReadGeneratedBrokerId(logDirs)
            ?? throw Error("kafka.broker_id", $"not set, and {o.Kafka.ServerProperties} has no broker.id and no log dir holds meta.properties yet");

        var uid = UserDatabase.FindUserId(o.Kafka.User) ?? throw Error("kafka.user", $"no such user '{o.Kafka.User}' on this host");
        var gid = UserDatabase.FindGroupId(o.Kafka.Group) ?? throw Error("kafka.group", $"no such group '{o.Kafka.Group}' on this host");

        var zooKeeperScripts = Scripts(
            Path.Combine(Path.TrimEndingDirectorySeparator(o.Kafka.Home), "bin", "zookeeper-server-start.sh"), o.ZooKeeper.Properties, o.ZooKeeper.Service.RunAs,
            "zookeeper.service.run_as", configPath, o, uid, gid);
        var zooKeeper = ResolveZooKeeper(configPath, o, server, Service(o.ZooKeeper.Service, zooKeeperScripts));
        var expectedIds = o.Cluster.ExpectedBrokerIds.Distinct().Order().ToList();
        var expected = o.Cluster.ExpectedBrokers ?? (expectedIds.Count > 0 ? expectedIds.Count : (int?)null) ?? zooKeeper.LocalServer?.Ensemble.Count ?? 0;

        var (probe, probeKey, probeProblem) = ProbeListener.Select(server, o.Kafka.ListenerName, o.Kafka.Listener);
        if (probe is null)
        {
            throw Error(probeKey!, probeProblem!);
        }

        var security = KafkaSecurityResolver.Resolve(configPath, o.Kafka.Security, server, probe);
        var home = Path.TrimEndingDirectorySeparator(o.Kafka.Home);
        var bin = Path.Combine(home, "bin");
        var kafka = new KafkaSettings(
            o.Kafka.ServerProperties,
            brokerId,
            logDirs.Select(d => Path.TrimEndingDirectorySeparator(d)).ToList(),
            probe.Endpoint,
            server.AdvertisedListeners.Count > 0 ? server.AdvertisedListeners : server.Listeners,
            o.Kafka.User,
            o.Kafka.Group,
            uid,
            gid,
            TimeSpan.FromSeconds(o.Kafka.ApiTimeoutSeconds),
            TimeSpan.FromSeconds(o.Kafka.ApiIntervalSeconds),
            Service(o.Kafka.Service, Scripts(Path.Combine(bin, "kafka-server-start.sh"), o.Kafka.ServerProperties, o.Kafka.Service.RunAs, "kafka.service.run_as", configPath, o, uid, gid)),
            home,
            Path.TrimEndingDirectorySeparator(o.Kafka.AppLogDir is { Length: > 0 } appLogDir ? appLogDir : Path.Combine(home, "logs")))
        {
            Security = security,
            ProbeReason = probe.Reason,
        };

        var w = o.Ownership;
        return new AgentSettings(
            configPath,
            TimeSpan.FromSeconds(o.IntervalSeconds),
            kafka,
            zooKeeper,
            expected,
            new DiskSettings(o.Disk.HighRatio, o.Disk.CriticalRatio),
            new OwnershipSettings(TimeSpan.FromSeconds(w.FullScanMinIntervalSeconds), TimeSpan.FromSeconds(w.FullScanMaxIntervalSeconds), w.CpuBudgetRatio, w.SamplePaths),
            new MetricsSettings(o.Metrics.Enabled, o.Metrics.Host, o.Metrics.Port, o.Metrics.Path),
            Enum.Parse<LogFormat>(o.Logging.Format, ignoreCase: true),
            expectedIds)
        {
            CycleTimeout = TimeSpan.FromSeconds(o.CycleTimeoutSeconds),
            Mode = Enum.Parse<AgentMode>(o.Mode, ignoreCase: true),
            StateDirectory = o.StateDir,
            Heal = HealSettings.From(o.Heal),
            ReclaimReplicated = o.Disk.ReclaimReplicated,
        };
    }

    // The runbook runs both with Kafka's scripts, as Kafka's user unless run_as names another (root: as the agent).
    private static ServiceScripts Scripts(string start, string config, string? runAs, string key, string configPath, AgentOptions o, uint uid, uint gid)
    {
        if (runAs is not { Length: > 0 } user || user == o.Kafka.User)
        {
            return new ServiceScripts(start, config, o.Kafka.User, o.Kafka.Group, uid, gid);
        }

        var runUid = UserDatabase.FindUserId(user) ?? throw new ConfigurationException($"{configPath}: {key}: no such user '{user}' on this host");
        var runGid = UserDatabase.FindGroupId(user) ?? 0;
        return new ServiceScripts(start, config, user, user, runUid, runGid);
    }

    private static ServiceSettings Service(KafkaServiceOptions s, ServiceScripts scripts) => new(
        s.Name,
        Enum.Parse<ServiceManagerKind>(s.Manager, ignoreCase: true),
        s.PidFile is { Length: > 0 } pidFile ? pidFile : null,
        TimeSpan.FromSeconds(s.StopTimeoutSeconds),
        s.CommandMatch,
        scripts);

    private static ZooKeeperSettings ResolveZooKeeper(string configPath, AgentOptions o, KafkaServerConfig server, ServiceSettings service)
    {
        // The default ZooKeeper config path is optional (ZooKeeper may run on other hosts); a path the
        // operator set explicitly must exist.
        var explicitPath = !string.Equals(o.ZooKeeper.Properties, new ZooKeeperOptions().Properties, StringComparison.Ordinal);
        var local = explicitPath || File.Exists(o.ZooKeeper.Properties) ? ZooKeeperServerConfig.Read(o.ZooKeeper.Properties) : null;

        ZooKeeperConnect? connect = server.ZooKeeperConnect;
        if (o.ZooKeeper.Connect is { } text && !ZooKeeperConnect.TryParse(text, out connect))
        {
            throw new ConfigurationException($"{configPath}: zookeeper.connect: '{text}' is not host:port[,host:port][/chroot]");
        }

        if (connect is null)
        {
            throw new ConfigurationException($"{configPath}: zookeeper.connect: not set, and {o.Kafka.ServerProperties} has no zookeeper.connect");
        }

        HostPort? endpoint = null;
        if (o.ZooKeeper.Local is { } localText && !HostPort.TryParse(localText, out endpoint))
        {
            throw new ConfigurationException($"{configPath}: zookeeper.local: '{localText}' is not host:port");
        }

        endpoint ??= local is not null
            ? new HostPort(local.ClientPortAddress is null or "0.0.0.0" ? "127.0.0.1" : local.ClientPortAddress, local.ClientPort)
            : connect.Hosts[0];

        var auth = o.ZooKeeper.AuthFile is { Length: > 0 } authFile
            ? SecretFile.ReadCredentials(configPath, "zookeeper.auth_file", authFile)
            : null;
        return new ZooKeeperSettings(connect, server.ZooKeeperSessionTimeout, endpoint, TimeSpan.FromSeconds(o.ZooKeeper.TimeoutSeconds), local, service)
        {
            Auth = auth,
        };
    }
}
