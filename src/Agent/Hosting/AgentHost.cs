using KafkaAgent.Cycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Hosting.WindowsServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace KafkaAgent.Hosting;

/// <summary>Builds the Generic Host behind <c>kafka-agent run</c>: service-manager integration plus the worker loop.</summary>
internal static class AgentHost
{
    public const string ServiceName = "kafka-agent";

    /// <param name="configure">Registers what the worker runs: an <see cref="IAgentCycle"/> and its configuration.</param>
    /// <param name="systemd">The process environment as systemd set it up; tests pass their own.</param>
    public static IHost Build(Action<HostApplicationBuilder> configure, SystemdEnvironment? systemd = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = ServiceName,
            // Under systemd the working directory is "/"; look for optional files next to the binary instead.
            ContentRootPath = AppContext.BaseDirectory,
            // System.CommandLine has parsed the arguments already; they are not configuration keys.
            Args = [],
        });
        // "Application started", "Hosting environment", "Content root path": noise in the journal of a daemon.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        AddServiceManagerIntegration(builder.Services, systemd ?? SystemdEnvironment.Current);
        configure(builder);
        AddWorker(builder.Services);
        return builder.Build();
    }

    internal static void AddServiceManagerIntegration(IServiceCollection services, SystemdEnvironment systemd)
    {
        // Both are no-ops unless the process really is a Windows service or a systemd service.
        services.AddWindowsService(options => options.ServiceName = ServiceName);
        services.AddSystemd();
        if (OperatingSystem.IsWindows() && WindowsServiceHelpers.IsWindowsService())
        {
            services.AddHostedService<Platform.Windows.WindowsServiceExitCode>();
        }

        if (!systemd.HasNotifySocket)
        {
            services.TryAddSingleton<IServiceNotifier, NullServiceNotifier>();
            return;
        }
        if (!services.Any(d => d.ServiceType == typeof(ISystemdNotifier)))
        {
            // AddSystemd recognises systemd by reading the parent's /proc entry, which ProtectProc= can hide.
            // NOTIFY_SOCKET is what a Type=notify unit guarantees, so it is enough to send READY=1/STOPPING=1.
            services.Configure<ConsoleLoggerOptions>(options => options.FormatterName = ConsoleFormatterNames.Systemd);
            services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }
        services.TryAddSingleton(systemd);
        services.TryAddSingleton<IServiceNotifier, SystemdServiceNotifier>();
    }

    /// <summary>
    /// Wraps whichever <typeparamref name="TService"/> was registered last in <typeparamref name="TDecorator"/>, once:
    /// the heartbeat around the service notifier, the reload-aware notifier around systemd's.
    /// </summary>
    private static void Decorate<TService, TDecorator>(IServiceCollection services, Func<IServiceProvider, TService, TDecorator> wrap)
        where TService : class
        where TDecorator : TService
    {
        var chosen = services.LastOrDefault(d => d.ServiceType == typeof(TService));
        if (chosen is null || chosen.ImplementationType == typeof(TDecorator))
        {
            return;
        }

        services.Remove(chosen);
        services.AddSingleton<TService>(sp => wrap(sp, (TService)(chosen.ImplementationInstance
            ?? chosen.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, chosen.ImplementationType!))));
    }

    internal static void AddWorker(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReloadGate>();
        // systemd's lifetime says STOPPING=1 whenever a host stops; during a reload that would be read as the service stopping.
        Decorate<ISystemdNotifier, ReloadAwareSystemdNotifier>(services, (sp, inner) => new ReloadAwareSystemdNotifier(inner, sp.GetRequiredService<ReloadGate>()));
        services.TryAddSingleton<AgentExit>();
        services.AddMetrics();
        services.TryAddSingleton<Events.ICycleTrigger, Events.CycleTrigger>();
        services.AddOptions<WorkerOptions>();
        Decorate<IServiceNotifier, HeartbeatServiceNotifier>(services, (sp, inner) => new HeartbeatServiceNotifier(
            inner, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HeartbeatServiceNotifier>>()));
        services.AddHostedService<AgentWorker>();
    }
}
