using System.Globalization;
using KafkaAgent.Configuration;
using KafkaAgent.Hosting;
using KafkaAgent.Platform;
using KafkaAgent.Platform.Linux;
using KafkaAgent.Probes;
using KafkaAgent.Probes.Disk;
using KafkaAgent.Probes.Kafka;
using KafkaAgent.Probes.Membership;
using KafkaAgent.Probes.Ownership;
using KafkaAgent.Probes.ZooKeeper;
using KafkaAgent.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace KafkaAgent.Cycle;

/// <summary>The one seam between the host wiring and observation: probes, diagnosis, cycle, metrics.</summary>
internal static class ObservationServiceCollectionExtensions
{
    /// <summary>Registers the observe-only cycle as <see cref="IAgentCycle"/> for validated <paramref name="settings"/>.</summary>
    /// <param name="metricsEndpoint">Serve Prometheus text on the configured address (the daemon); false for one-shot use.</param>
    public static IServiceCollection AddAgentObservation(this IServiceCollection services, AgentSettings settings, bool metricsEndpoint = true)
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
            new KafkaApiProbe(settings.Kafka.ProbeEndpoint, settings.Kafka.ApiTimeout, settings.Kafka.ApiInterval, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProbe<DiskFacts>>(sp => new DiskProbe(settings, sp.GetRequiredService<IFileSystemStats>()));
        services.AddSingleton<IProbe<OwnershipFacts>>(sp => new OwnershipProbe(sp.GetRequiredService<OwnershipMonitor>()));
        services.AddSingleton<AgentObserver>();
        services.AddSingleton<AgentMetrics>();
        services.AddSingleton<AgentCycle>();
        services.AddSingleton<IAgentCycle>(sp => sp.GetRequiredService<AgentCycle>());
        services.Configure<WorkerOptions>(o => o.Interval = settings.Interval);

        if (metricsEndpoint && settings.Metrics.Enabled)
        {
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("kafka-agent", serviceVersion: Cli.VersionCommand.ProductVersion))
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
}
