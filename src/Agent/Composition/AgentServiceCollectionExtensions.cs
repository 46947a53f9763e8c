using System.Diagnostics.Metrics;
using System.Globalization;
using KafkaAgent.Configuration;
using KafkaAgent.Coordination;
using KafkaAgent.Cycle;
using KafkaAgent.Hosting;
using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.Remediation;
using KafkaAgent.Remediation.Actions;
using KafkaAgent.Remediation.Decorators;
using KafkaAgent.Remediation.Reclaim;
using KafkaAgent.State;
using KafkaAgent.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace KafkaAgent.Composition;

/// <summary>
/// The composition root: every service the loop runs (probes, observer, cycle, metrics) is wired here and nowhere
/// else; <c>run</c> adds the host and worker around it, <c>check</c> resolves the cycle and runs it once.
/// </summary>
internal static class AgentServiceCollectionExtensions
{
    /// <summary>Registers the cycle as <see cref="IAgentCycle"/> for validated <paramref name="settings"/>.</summary>
    /// <param name="metricsEndpoint">Serve Prometheus text on the configured address (the daemon); false for one-shot use.</param>
    /// <param name="act">Run the plan's actions (the daemon); false for <c>check</c>, which only reports.</param>
    public static IServiceCollection AddAgent(this IServiceCollection services, AgentSettings settings, bool metricsEndpoint = true, bool act = true)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(settings);
        services.AddSingleton<IFileSystemStats, StatVfsFileSystemStats>();
        services.AddSingleton<IProcessRunner>(sp => new ProcessRunner(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ServiceManagerFactory.Create(
            settings.Kafka.Service, sp.GetRequiredService<IProcessRunner>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ManagedServices(
            new ManagedService(settings.Kafka.Service.Name, sp.GetRequiredService<IServiceManager>(), settings.Kafka.Service.StopTimeout),
            settings.ZooKeeper.LocalServer is null ? null : new ManagedService(
                settings.ZooKeeper.Service.Name,
                ServiceManagerFactory.Create(settings.ZooKeeper.Service, sp.GetRequiredService<IProcessRunner>(), sp.GetRequiredService<TimeProvider>(), unitOrScriptRequired: true),
                settings.ZooKeeper.Service.StopTimeout)));
        services.AddSingleton<IOwnershipFixer>(_ => OperatingSystem.IsWindows()
            ? new Platform.Windows.NtfsOwnershipFixer(new Platform.Windows.Win32NtfsSecurityStore(), new FileOwner(settings.Kafka.User, settings.Kafka.Group))
            : new LinuxOwnershipFixer());
        services.AddSingleton<IFileCleaner>(sp => new LinuxFileCleaner(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IZooKeeperSessionCheck, ZooKeeperSessionCheck>();
        services.AddSingleton(sp => new OwnershipMonitor(settings.Kafka, settings.Ownership, sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<IProbe<ZooKeeperFacts>>(sp => new ZooKeeperProbe(settings.ZooKeeper, sp.GetRequiredService<IZooKeeperSessionCheck>()));
        services.AddSingleton<IProbe<MembershipFacts>>(_ => new MembershipProbe(settings));
        services.AddSingleton<IProbe<KafkaServiceFacts>>(sp => new KafkaServiceProbe(settings.Kafka.Service.Name, sp.GetRequiredService<IServiceManager>()));
        services.AddSingleton<IProbe<KafkaApiFacts>>(sp =>
            new KafkaApiProbe(settings.Kafka.ProbeEndpoint, settings.Kafka.ApiTimeout, settings.Kafka.ApiInterval, sp.GetRequiredService<TimeProvider>(), settings.Kafka.Security));
        services.AddSingleton<IProbe<DiskFacts>>(sp => new DiskProbe(settings, sp.GetRequiredService<IFileSystemStats>()));
        services.AddSingleton<IProbe<OwnershipFacts>>(sp => new OwnershipProbe(sp.GetRequiredService<OwnershipMonitor>()));
        services.AddSingleton<AgentObserver>();
        services.AddSingleton(sp => new AgentMetrics(sp.GetRequiredService<IMeterFactory>(), settings, sp.GetRequiredService<TimeProvider>()));
        AddCoordination(services, settings, act);
        AddRemediation(services, settings);
        services.AddSingleton(new CycleOptions(act));
        // The daemon's event sources share this trigger; `check` runs one cycle with nobody requesting.
        services.TryAddSingleton<Events.ICycleTrigger, Events.CycleTrigger>();
        services.AddSingleton<IAgentCycle, AgentCycle>();
        services.Configure<WorkerOptions>(o =>
        {
            o.Interval = settings.Interval;
            o.CycleTimeout = settings.CycleTimeout;
        });

        if (metricsEndpoint && settings.Metrics.Enabled)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("kafka-agent", serviceVersion: ProductVersion.Short))
                .WithMetrics(metrics => metrics
                .AddMeter(AgentMetrics.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = settings.Metrics.Host;
                    o.Port = settings.Metrics.Port;
                    if (settings.Metrics.Host is "*" or "+")
                    {
                        // The exporter builds its prefix with UriBuilder, which rejects HttpListener's wildcards
                        // (the packaged default made the daemon fail at start on a fresh Debian); give it a valid
                        // host, then put the wildcard prefix in its place.
                        o.Host = "localhost";
                        var prefix = string.Create(CultureInfo.InvariantCulture,
                            $"http://{settings.Metrics.Host}:{settings.Metrics.Port}/{settings.Metrics.Path.Trim('/')}/");
                        o.ConfigureHttpListener = (_, listener) =>
                        {
                            listener.Prefixes.Clear();
                            listener.Prefixes.Add(prefix);
                        };
                    }
                    o.ScrapeEndpointPath = settings.Metrics.Path;
                    // One meter: the otel_scope_name label on every series would only add noise.
                    o.ScopeInfoEnabled = false;
                    // One scrape per cycle is plenty; a short cache keeps scrape storms cheap.
                    o.ScrapeResponseCacheDurationMilliseconds = 1000;
                }));
        }

        return services;
    }

    /// <summary>
    /// The cluster guards and the host report, on one long-lived ZooKeeper session. The daemon in heal mode runs
    /// every disruptive action through the cluster lock and the availability, recovery, mass-failure and
    /// controller-last guards; observe mode and <c>check</c> (which never act) keep the mode-only guard.
    /// </summary>
    private static void AddCoordination(IServiceCollection services, AgentSettings settings, bool act)
    {
        var host = Environment.MachineName;
        services.AddSingleton(sp => new LockHeldGauge(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton<ICoordinationSession>(_ => new CoordinationSession(settings.ZooKeeper));
        services.TryAddSingleton<IHostReportSink>(sp => act
            ? new ZooKeeperHostReportSink(sp.GetRequiredService<ICoordinationSession>(), settings, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ZooKeeperHostReportSink>>(), host)
            : new NoHostReports());
        services.TryAddSingleton<IDisruptiveGuard>(sp =>
        {
            // kafka_agent_lock_held is exported (0) whether or not this agent may ever take the lock.
            var gauge = sp.GetRequiredService<LockHeldGauge>();
            if (!act || settings.Mode == AgentMode.Observe)
            {
                return new ModeOnlyDisruptiveGuard(settings.Mode);
            }

            var session = sp.GetRequiredService<ICoordinationSession>();
            var time = sp.GetRequiredService<TimeProvider>();
            var gateLogger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("KafkaAgent.Coordination");
            return new ClusterDisruptiveGuard(
                settings,
                new SessionGate(session, time, gateLogger, gauge),
                new ClusterHealthReader(session, new SrvrEnsembleProbe(settings.ZooKeeper.Connect.Hosts, settings.ZooKeeper.Timeout),
                    settings.ExpectedBrokers, settings.ZooKeeper.Connect.Hosts.Count),
                time,
                sp.GetRequiredService<ILogger<ClusterDisruptiveGuard>>(),
                host);
        });
    }

    private static void AddRemediation(IServiceCollection services, AgentSettings settings)
    {
        services.AddSingleton<IStateStore>(sp => new JsonFileStateStore(
            settings.StateDirectory, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JsonFileStateStore>>()));
        services.AddSingleton<IPlanner, RunbookPlanner>();
        services.AddSingleton(new HealPolicy(settings.Mode, settings.Heal, settings.ZooKeeper.LocalServer is not null,
            settings.ZooKeeper.LocalServer?.JoinGrace ?? TimeSpan.Zero, settings.Kafka.Service.Name, settings.ZooKeeper.Service.Name)
        {
            ReclaimReplicated = settings.ReclaimReplicated,
        });
        services.TryAddSingleton<IPartitionDirectories, LinuxPartitionDirectories>();
        services.TryAddSingleton<IReplicaReader>(new ZooKeeperReplicaReader(settings.ZooKeeper));
        services.AddSingleton<RemediationMetrics>();
        services.TryAddSingleton<Coordination.BrokerProcessLedger>();
        services.AddSingleton(sp => new ProbeVerifier(
            sp.GetRequiredService<IProbe<ZooKeeperFacts>>(), sp.GetRequiredService<IProbe<MembershipFacts>>(),
            sp.GetRequiredService<IProbe<KafkaServiceFacts>>(), sp.GetRequiredService<IProbe<KafkaApiFacts>>(),
            sp.GetRequiredService<IProbe<DiskFacts>>(), sp.GetRequiredService<IProbe<OwnershipFacts>>(),
            sp.GetRequiredService<OwnershipMonitor>(), settings, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IActionVerifier>(sp => sp.GetRequiredService<ProbeVerifier>());
        services.AddSingleton<IFaultRecheck>(sp => sp.GetRequiredService<ProbeVerifier>());
        services.AddSingleton(sp =>
        {
            var manager = sp.GetRequiredService<IServiceManager>();
            var managed = sp.GetRequiredService<ManagedServices>();
            // A host with no ZooKeeper of its own plans no ZooKeeper action; Kafka's manager stands in so the table is whole.
            var zooKeeper = managed.ZooKeeper?.Manager ?? manager;
            var cleaner = sp.GetRequiredService<IFileCleaner>();
            var metrics = sp.GetRequiredService<RemediationMetrics>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("KafkaAgent.Remediation");
            IRemediationAction[] bare =
            [
                new StartServiceAction(ActionNames.StartZooKeeper, zooKeeper, settings.ZooKeeper.Service.Name),
                new RestartServiceAction(ActionNames.RestartZooKeeper, zooKeeper, settings.ZooKeeper.Service.Name, settings.ZooKeeper.Service.StopTimeout),
                new CleanAppLogsAction(cleaner, settings.Kafka.AppLogDir),
                new PurgeZooKeeperDataAction(cleaner, settings.ZooKeeper.LocalServer?.DataDir),
                new ReclaimLogDirsAction(manager, settings.Kafka.Service.Name, settings.Kafka.Service.StopTimeout,
                    sp.GetRequiredService<IPartitionDirectories>(), sp.GetRequiredService<IReplicaReader>(), sp.GetRequiredService<IFileSystemStats>(),
                    settings.Disk, settings.Kafka.BrokerId, settings.Kafka.LogDirs, metrics, logger),
                new FixOwnershipAction(sp.GetRequiredService<IOwnershipFixer>(), settings.Kafka.LogDirs, settings.Kafka.Uid, settings.Kafka.Gid),
                StartKafka(sp, settings, manager),
                new RestartServiceAction(ActionNames.RestartKafka, manager, settings.Kafka.Service.Name, settings.Kafka.Service.StopTimeout),
            ];
            var verifier = sp.GetRequiredService<IActionVerifier>();
            var time = sp.GetRequiredService<TimeProvider>();
            IReadOnlyDictionary<string, IRemediationAction> decorated = bare.ToDictionary(
                a => a.Name, a => ActionPipeline.Decorate(a, verifier, metrics, settings.Heal, time, logger), StringComparer.Ordinal);
            return new PlanRunner(decorated, sp.GetRequiredService<IDisruptiveGuard>(), sp.GetRequiredService<IFaultRecheck>(), sp.GetRequiredService<IStateStore>(),
                metrics, settings.Heal, time, sp.GetRequiredService<ILogger<PlanRunner>>());
        });
    }

    private static IRemediationAction StartKafka(IServiceProvider sp, AgentSettings settings, IServiceManager manager)
    {
        var start = new StartServiceAction(ActionNames.StartKafka, manager, settings.Kafka.Service.Name);
        if (settings.Heal.StaleRegistration != StaleRegistrationStrategy.Delete)
        {
            return start;
        }

        var timeout = settings.ZooKeeper.Timeout;
        return new StartAfterStaleRegistrationAction(start, sp.GetRequiredService<Coordination.BrokerProcessLedger>(),
            new ZooKeeper.ZooKeeperClientOptions { ConnectionString = settings.ZooKeeper.Connect.ConnectionString, ConnectTimeout = timeout, RequestTimeout = timeout },
            settings.Kafka.BrokerId, sp.GetRequiredService<ILoggerFactory>().CreateLogger("KafkaAgent.Coordination"));
    }
}
