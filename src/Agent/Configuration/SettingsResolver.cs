using KafkaAgent.Configuration.Discovery;
using KafkaAgent.Platform.Linux;

namespace KafkaAgent.Configuration;

/// <summary>
/// Fills what agent.yaml leaves unset: the config files from the running services or their usual places, then the
/// rest from server.properties and the local ZooKeeper config. Each filled key is recorded with where it came from.
/// </summary>
internal static class SettingsResolver
{
    public static AgentSettings Resolve(string configPath, AgentOptions o) =>
        Resolve(configPath, o, new Dictionary<string, string>(StringComparer.Ordinal), ConfigLocator.Host);

    /// <param name="given">Keys agent.yaml or the environment set (display keys); these are never discovered.</param>
    public static AgentSettings Resolve(string configPath, AgentOptions o, IReadOnlyDictionary<string, string> given, ConfigLocator locator)
    {
        ConfigurationException Error(string key, string problem) => new($"{configPath}: {key}: {problem}");
        var discovered = new Dictionary<string, ResolvedSetting>(StringComparer.Ordinal);
        void Found(string key, string value, string source) => discovered[key] = new ResolvedSetting(key, value, source);

        if (o.Kafka.ServerProperties is not { Length: > 0 })
        {
            var located = locator.LocateKafka(configPath);
            o.Kafka.ServerProperties = located.Path;
            Found("kafka.server_properties", located.Path, "discovery: " + located.How);
            // /opt/kafka/config/server.properties belongs to the installation in /opt/kafka when its scripts are there.
            var installation = Path.GetDirectoryName(Path.GetDirectoryName(located.Path));
            if (!given.ContainsKey("kafka.home") && installation is not null
                && Path.GetFileName(Path.GetDirectoryName(located.Path)) == "config"
                && File.Exists(Path.Combine(installation, "bin", "kafka-server-start.sh")))
            {
                o.Kafka.Home = installation;
                Found("kafka.home", installation, $"discovery: the installation {located.Path} belongs to");
            }
        }

        var serverSource = $"server.properties ({o.Kafka.ServerProperties})";
        var server = KafkaServerConfig.Read(o.Kafka.ServerProperties);
        var logDirs = o.Kafka.LogDirs.Count > 0 ? o.Kafka.LogDirs : server.LogDirs;
        if (o.Kafka.LogDirs.Count == 0)
        {
            Found("kafka.log_dirs", string.Join(", ", logDirs), serverSource);
        }

        foreach (var dir in logDirs)
        {
            if (!Path.IsPathRooted(dir))
            {
                throw Error("kafka.log_dirs", $"'{dir}' is not an absolute path");
            }
        }

        var brokerId = o.Kafka.BrokerId ?? server.BrokerId ?? KafkaServerConfig.ReadGeneratedBrokerId(logDirs)
            ?? throw Error("kafka.broker_id", $"not set, and {o.Kafka.ServerProperties} has no broker.id and no log dir holds meta.properties yet");
        if (o.Kafka.BrokerId is null)
        {
            Found("kafka.broker_id", brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                server.BrokerId is null ? "meta.properties in a log dir (generated id)" : serverSource);
        }

        var uid = UserDatabase.FindUserId(o.Kafka.User) ?? throw Error("kafka.user", $"no such user '{o.Kafka.User}' on this host");
        var gid = UserDatabase.FindGroupId(o.Kafka.Group) ?? throw Error("kafka.group", $"no such group '{o.Kafka.Group}' on this host");

        var zooKeeperConfig = ZooKeeperConfigPath(configPath, o, locator, Found);
        var zooKeeperScripts = Scripts(
            Path.Combine(Path.TrimEndingDirectorySeparator(o.Kafka.Home), "bin", "zookeeper-server-start.sh"), zooKeeperConfig ?? "", o.ZooKeeper.Service.RunAs,
            "zookeeper.service.run_as", configPath, o, uid, gid);
        var zooKeeper = ResolveZooKeeper(configPath, o, server, zooKeeperConfig, Service(o.ZooKeeper.Service, zooKeeperScripts), Found, serverSource);
        var expectedIds = o.Cluster.ExpectedBrokerIds.Distinct().Order().ToList();
        var expected = o.Cluster.ExpectedBrokers ?? (expectedIds.Count > 0 ? expectedIds.Count : (int?)null) ?? zooKeeper.LocalServer?.Ensemble.Count ?? 0;
        if (o.Cluster.ExpectedBrokers is null)
        {
            Found("cluster.expected_brokers", expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                expectedIds.Count > 0 ? "cluster.expected_broker_ids" : zooKeeper.LocalServer is { } zk ? $"server.N lines of {zk.Path}" : "default (0: not checked)");
        }

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
        if (o.Kafka.AppLogDir is not { Length: > 0 })
        {
            Found("kafka.app_log_dir", kafka.AppLogDir, "default (<kafka.home>/logs)");
        }

        if (o.Kafka.Listener is null)
        {
            Found("kafka.listener", probe.Endpoint.ToString(), $"listeners in {serverSource}");
        }

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
            Discovered = discovered,
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

    /// <returns>The local ZooKeeper's config, or null when this host runs none.</returns>
    private static string? ZooKeeperConfigPath(string configPath, AgentOptions o, ConfigLocator locator, Action<string, string, string> found)
    {
        // A path the operator set must exist; "none" says this host runs no ZooKeeper. Unset: a discovered config,
        // else none (ZooKeeper may run on other hosts).
        if (o.ZooKeeper.Properties is { Length: > 0 } path)
        {
            return path == ConfigLocator.NoZooKeeper ? null : path;
        }

        var located = locator.LocateZooKeeper(configPath);
        found("zookeeper.properties", located?.Path ?? "", located is null
            ? "discovery: no running QuorumPeerMain and no zookeeper.properties in a usual place: this host runs no ZooKeeper"
            : "discovery: " + located.How);
        return located?.Path;
    }

    private static ZooKeeperSettings ResolveZooKeeper(
        string configPath, AgentOptions o, KafkaServerConfig server, string? zooKeeperConfig, ServiceSettings service, Action<string, string, string> found, string serverSource)
    {
        var local = zooKeeperConfig is null ? null : ZooKeeperServerConfig.Read(zooKeeperConfig);

        ZooKeeperConnect? connect = server.ZooKeeperConnect;
        if (o.ZooKeeper.Connect is { } text && !ZooKeeperConnect.TryParse(text, out connect))
        {
            throw new ConfigurationException($"{configPath}: zookeeper.connect: '{text}' is not host:port[,host:port][/chroot]");
        }

        if (o.ZooKeeper.Connect is null && connect is not null)
        {
            found("zookeeper.connect", connect.ConnectionString, serverSource);
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

        if (endpoint is null)
        {
            endpoint = local is not null
                ? new HostPort(local.ClientPortAddress is null or "0.0.0.0" ? "127.0.0.1" : local.ClientPortAddress, local.ClientPort)
                : connect.Hosts[0];
            found("zookeeper.local", endpoint.ToString(), local is not null ? $"clientPort of {local.Path}" : "the first host of zookeeper.connect");
        }

        var auth = o.ZooKeeper.AuthFile is { Length: > 0 } authFile
            ? SecretFile.ReadCredentials(configPath, "zookeeper.auth_file", authFile)
            : null;
        return new ZooKeeperSettings(connect, server.ZooKeeperSessionTimeout, endpoint, TimeSpan.FromSeconds(o.ZooKeeper.TimeoutSeconds), local, service)
        {
            Auth = auth,
        };
    }
}
